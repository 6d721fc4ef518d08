package dev.cascade.activation.service;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cascade.activation.entity.ServerActivationEntity;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Whether, and as which server, Cascade is activated. Distribution starts only after activation (seed 001). */
@ApplicationScoped
public class ServerActivations {

    private final AtomicInteger activated = new AtomicInteger();

    @Inject
    MeterRegistry registry;

    /** The current activation. */
    public record Activated(String serverName, String serverIp, String customer, String licenseKey, Instant activatedAt) {
    }

    void start(@Observes StartupEvent event) {
        Gauge.builder("cascade_activation_activated", activated, AtomicInteger::get)
                .description("1 once the server is activated with a license key").register(registry);
        current();
    }

    @Transactional
    public Optional<Activated> current() {
        Optional<Activated> current = ServerActivationEntity.<ServerActivationEntity>findAll().firstResultOptional()
                .map(s -> new Activated(s.serverName, s.serverIp, s.licenseCustomer, s.licenseKey, s.activatedAt));
        activated.set(current.isPresent() ? 1 : 0);
        return current;
    }

    /** Replaces the activation (a re-activation with another license replaces the earlier one). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(Activated activation) {
        ServerActivationEntity.deleteAll();
        ServerActivationEntity.getEntityManager().flush(); // the same server name may be inserted again
        ServerActivationEntity row = new ServerActivationEntity();
        row.serverName = activation.serverName();
        row.serverIp = activation.serverIp();
        row.licenseCustomer = activation.customer();
        row.licenseKey = activation.licenseKey();
        row.activatedAt = activation.activatedAt();
        row.persist();
        activated.set(1);
    }
}
