package dev.cascade.gateway.health;

import java.time.Duration;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.cascade.gateway.kafka.KafkaReachability;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Not ready while Kafka does not answer: no datagram could be acknowledged. */
@Readiness
@ApplicationScoped
public class KafkaReadiness implements HealthCheck {

    private static final Duration MAX_WAIT = Duration.ofSeconds(2);

    @Inject
    KafkaReachability kafka;

    @Override
    public HealthCheckResponse call() {
        KafkaReachability.Status status = kafka.current(MAX_WAIT);
        return HealthCheckResponse.named("kafka").status(status.reachable()).withData("detail", status.detail()).build();
    }
}
