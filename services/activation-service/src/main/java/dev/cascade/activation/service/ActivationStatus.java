package dev.cascade.activation.service;

import java.time.Instant;
import java.util.List;
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
public class ActivationStatus {

    private final AtomicInteger activatedServers = new AtomicInteger();

    @Inject
    MeterRegistry registry;

    @Transactional
    void start(@Observes StartupEvent event) {
        activatedServers.set((int) ServerActivationEntity.count());
        Gauge.builder("cascade_activation_activated", activatedServers, n -> n.get() > 0 ? 1 : 0)
                .description("1 once the server is activated with a license key").register(registry);
    }

    @Transactional
    public State state() {
        List<ActivatedServer> servers = ServerActivationEntity.<ServerActivationEntity>listAll().stream()
                .map(s -> new ActivatedServer(s.serverName, s.serverIp, s.licenseCustomer, s.activatedAt))
                .toList();
        activatedServers.set(servers.size());
        return new State(!servers.isEmpty(), servers);
    }

    public record State(boolean activated, List<ActivatedServer> servers) {
    }

    public record ActivatedServer(String serverName, String serverIp, String licenseCustomer, Instant activatedAt) {
    }
}
