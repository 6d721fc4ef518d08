package dev.cascade.activation.service;

import java.util.concurrent.atomic.AtomicLong;

import dev.cascade.activation.entity.ClientEntity;
import dev.cascade.activation.keys.KeyAuthority;
import dev.cascade.activation.keys.StoredKey;
import dev.cascade.wire.KeyPurpose;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** How far a fleet-key change has spread: known clients, and those last heard with the current fleet key. */
@ApplicationScoped
public class ClientGauges {

    private final AtomicLong known = new AtomicLong();
    private final AtomicLong onCurrentKey = new AtomicLong();

    @Inject
    MeterRegistry registry;

    @Inject
    KeyAuthority keys;

    void start(@Observes StartupEvent event) {
        Gauge.builder("cascade_activation_clients_known", known, AtomicLong::get)
                .description("Clients heard from (registrations, heartbeats)").register(registry);
        Gauge.builder("cascade_activation_clients_on_current_key", onCurrentKey, AtomicLong::get)
                .description("Clients whose last report was authenticated with the current fleet key").register(registry);
    }

    /** Counts again (the maintenance job calls it). */
    @Transactional
    public void refresh() {
        known.set(ClientEntity.count());
        long current = keys.current(KeyPurpose.FLEET).map(StoredKey::id).orElse(0L);
        onCurrentKey.set(ClientEntity.count("keyId = ?1", current));
    }
}
