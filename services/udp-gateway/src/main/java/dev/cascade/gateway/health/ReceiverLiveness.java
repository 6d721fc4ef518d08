package dev.cascade.gateway.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import dev.cascade.gateway.udp.UdpReceiver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A gateway whose receive thread died takes no datagrams: restart it. */
@Liveness
@ApplicationScoped
public class ReceiverLiveness implements HealthCheck {

    @Inject
    UdpReceiver receiver;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("udp-receiver").status(receiver.isAlive()).build();
    }
}
