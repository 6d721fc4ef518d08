package dev.cascade.gateway.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import dev.cascade.gateway.udp.UdpReceivers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A gateway one of whose receive threads died misses that port's datagrams: restart it. */
@Liveness
@ApplicationScoped
public class ReceiverLiveness implements HealthCheck {

    @Inject
    UdpReceivers receivers;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("udp-receiver").status(receivers.allAlive()).build();
    }
}
