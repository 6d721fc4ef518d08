package dev.cascade.gateway.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.cascade.gateway.udp.GatewaySocket;
import dev.cascade.gateway.udp.GatewaySockets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Ready to take datagrams only while every server port's socket is bound. */
@Readiness
@ApplicationScoped
public class UdpSocketReadiness implements HealthCheck {

    @Inject
    GatewaySockets sockets;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("udp-sockets").status(sockets.allBound());
        for (GatewaySocket socket : sockets.all()) {
            response.withData(socket.name(), socket.boundAddress().map(Object::toString).orElse("not bound"));
        }
        return response.build();
    }
}
