package dev.cascade.gateway.health;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.cascade.gateway.config.GatewayKeys;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Not ready until the keys are loaded: with activation-service as the key source the gateway can run
 * before its first key ring arrives, and would drop every datagram as unknown_key.
 */
@Readiness
@ApplicationScoped
public class KeysReadiness implements HealthCheck {

    @Inject
    GatewayKeys keys;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("keys").status(keys.loaded())
                .withData("source", keys.source());
        keys.revision().ifPresent(revision -> response.withData("revision", Long.toUnsignedString(revision)));
        keys.problem().ifPresent(problem -> response.withData("problem", problem));
        return response.build();
    }
}
