package dev.cascade.gateway.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.cascade.gateway.udp.SmallMessagesSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Ready to take datagrams only while the small-messages socket is bound. */
@Readiness
@ApplicationScoped
public class UdpSocketReadiness implements HealthCheck {

    @Inject
    SmallMessagesSocket socket;

    @Override
    public HealthCheckResponse call() {
        return socket.boundAddress()
                .map(address -> HealthCheckResponse.named("udp-" + SmallMessagesSocket.NAME).up()
                        .withData("address", address.toString()).build())
                .orElseGet(() -> HealthCheckResponse.named("udp-" + SmallMessagesSocket.NAME).down()
                        .withData("reason", "socket not bound").build());
    }
}
