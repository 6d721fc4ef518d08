package dev.cascade.licensing.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import dev.cascade.licensing.outbox.UsageWarningRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Without its relay thread the service would record usage warnings nobody hears of: restart it. */
@Liveness
@ApplicationScoped
public class WarningRelayLiveness implements HealthCheck {

    @Inject
    UsageWarningRelay relay;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("usage-warning-relay").status(relay.alive()).build();
    }
}
