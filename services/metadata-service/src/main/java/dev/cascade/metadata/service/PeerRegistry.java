package dev.cascade.metadata.service;

import dev.cascade.processedevents.ProcessedEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.metadata.config.MetadataConfig;
import dev.cascade.metadata.deployment.DeploymentNotices;
import dev.cascade.metadata.entity.PeerEntity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Writes the peer registry: applies registrations once per event id, newest registration wins,
 * and records offices as topology-service answers them.
 */
@ApplicationScoped
public class PeerRegistry {

    private static final Logger LOG = Logger.getLogger(PeerRegistry.class);
    private static final String TYPE = PeerRegistered.getDescriptor().getFullName();
    private static final String PENDING = "officeId is null and officeResolvedAt is null";

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Inject
    TopologyRevisions revisions;

    @Inject
    DeploymentNotices notices;

    @Inject
    MetadataConfig config;

    private final AtomicLong peers = new AtomicLong();
    private final AtomicLong activePeers = new AtomicLong();
    private final AtomicLong pendingOffices = new AtomicLong();
    private final AtomicLong staleOffices = new AtomicLong();
    private final AtomicLong topologyRevision = new AtomicLong();
    private Counter newPeers;
    private Counter registrations;
    private Counter outOfOrder;
    private Counter duplicates;

    /** What a registration event did. */
    public enum Outcome {
        /** The first registration of a device. */
        NEW_PEER,
        /** A newer registration of a known device: its attributes replaced the stored ones. */
        UPDATED,
        /** Sent before the stored registration and delivered after it: counted, attributes kept. */
        OUT_OF_ORDER,
        /** An event id already applied. */
        DUPLICATE
    }

    @Transactional
    void start(@Observes StartupEvent event) {
        refreshGauges();
        Gauge.builder("cascade_metadata_peers", peers, AtomicLong::get)
                .description("Peers in the registry").register(registry);
        Gauge.builder("cascade_metadata_peers_active", activePeers, AtomicLong::get)
                .description("Peers heard from (REGISTER or HEARTBEAT) within the heartbeat TTL").register(registry);
        Gauge.builder("cascade_metadata_peers_by_state", activePeers, AtomicLong::get).tag("state", "active")
                .description("Peers by liveness: active within the heartbeat TTL, inactive beyond it").register(registry);
        Gauge.builder("cascade_metadata_peers_by_state", this, self -> self.peers.get() - self.activePeers.get())
                .tag("state", "inactive")
                .description("Peers by liveness: active within the heartbeat TTL, inactive beyond it").register(registry);
        Gauge.builder("cascade_metadata_peers_office_pending", pendingOffices, AtomicLong::get)
                .description("Peers whose office topology-service has not told yet").register(registry);
        Gauge.builder("cascade_metadata_peers_office_stale", staleOffices, AtomicLong::get)
                .description("Peers whose office was computed from an older topology than the newest announced (they keep it until re-resolved)")
                .register(registry);
        Gauge.builder("cascade_metadata_topology_revision", topologyRevision, AtomicLong::get)
                .description("The newest topology revision announced by topology-service").register(registry);
        newPeers = Counter.builder("cascade_metadata_peers_registered_total")
                .description("Devices registered for the first time").register(registry);
        registrations = Counter.builder("cascade_metadata_registrations_total")
                .description("Registration events applied (each event id once)").register(registry);
        outOfOrder = Counter.builder("cascade_metadata_registrations_out_of_order_total")
                .description("Registrations older than the stored one: counted, attributes kept").register(registry);
        duplicates = Counter.builder("cascade_metadata_events_duplicate_total").tag("type", TYPE)
                .description("Events delivered again and skipped").register(registry);
    }

    /**
     * Applies one registration with the office topology-service gave for its address. Runs in the
     * caller's transaction or its own.
     */
    @Transactional
    public Outcome apply(PeerRegistration registration, OfficeAnswer office) {
        if (!processedEvents.firstTime(registration.eventId(), TYPE)) {
            duplicates.increment();
            return Outcome.DUPLICATE;
        }
        registrations.increment();
        PeerEntity peer = PeerEntity.findById(registration.deviceId());
        if (peer == null) {
            peer = new PeerEntity();
            peer.deviceId = registration.deviceId();
            peer.firstSeen = registration.receivedAt();
            peer.lastSeen = registration.receivedAt();
            peer.registrations = 1;
            copyAttributes(registration, peer);
            OfficePlacement.apply(office, peer, true, Instant.now(clock));
            peer.persist();
            notices.onPeerHeard(peer);
            peers.incrementAndGet();
            newPeers.increment();
            LOG.infof("peer %s (%s, %s) registered", peer.deviceId, peer.hostname, peer.ipAddress);
            return Outcome.NEW_PEER;
        }
        peer.registrations++;
        peer.firstSeen = earlier(peer.firstSeen, registration.receivedAt());
        peer.lastSeen = later(peer.lastSeen, registration.receivedAt());
        if (registration.isOlderThan(peer.lastSentAt)) {
            outOfOrder.increment();
            return Outcome.OUT_OF_ORDER;
        }
        if (peer.lastHeartbeatSentAt != null && registration.isOlderThan(peer.lastHeartbeatSentAt)) {
            // a newer heartbeat already told address, storage and version: only what heartbeats do not carry
            copyIdentity(registration, peer);
            notices.onPeerHeard(peer);
            return Outcome.UPDATED;
        }
        boolean moved = !Objects.equals(peer.ipAddress, registration.ipAddress());
        copyAttributes(registration, peer);
        OfficePlacement.apply(office, peer, moved, Instant.now(clock));
        notices.onPeerHeard(peer);
        return Outcome.UPDATED;
    }

    private static void copyIdentity(PeerRegistration registration, PeerEntity peer) {
        peer.hostname = registration.hostname();
        peer.deviceClass = registration.deviceClass();
        peer.osType = registration.osType();
        peer.lastSentAt = registration.sentAt();
        peer.lastEventId = registration.eventId();
    }

    private static void copyAttributes(PeerRegistration registration, PeerEntity peer) {
        peer.hostname = registration.hostname();
        peer.ipAddress = registration.ipAddress();
        peer.prefixLength = registration.prefixLength();
        peer.deviceClass = registration.deviceClass();
        peer.osType = registration.osType();
        peer.freeStorageBytes = registration.freeStorageBytes();
        peer.usableStorageBytes = registration.usableStorageBytes();
        peer.bootTime = registration.bootTime();
        peer.clientVersion = registration.clientVersion();
        peer.lastSentAt = registration.sentAt();
        peer.lastEventId = registration.eventId();
    }

    /** Re-reads the gauges from the database (they also follow changes made here in between). */
    @Transactional
    public void refreshGauges() {
        long latest = revisions.latest();
        peers.set(PeerEntity.count());
        activePeers.set(PeerEntity.count("lastSeen >= ?1", Instant.now(clock).minus(config.heartbeatTtl())));
        pendingOffices.set(PeerEntity.count(PENDING));
        staleOffices.set(PeerEntity.count("officeResolvedAt is not null and officeRevision < ?1", latest));
        topologyRevision.set(latest);
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
