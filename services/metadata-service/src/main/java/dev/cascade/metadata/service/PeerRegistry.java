package dev.cascade.metadata.service;

import dev.cascade.processedevents.ProcessedEvents;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import dev.cascade.contracts.v1.PeerRegistered;
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

    private final AtomicLong peers = new AtomicLong();
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
            applyOffice(office, peer, true);
            peer.persist();
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
        boolean moved = !Objects.equals(peer.ipAddress, registration.ipAddress());
        copyAttributes(registration, peer);
        applyOffice(office, peer, moved);
        return Outcome.UPDATED;
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

    /**
     * @param moved the peer's address changed (or it is new): an office it had belongs to its old
     *              address, so without an answer now the office is pending again
     */
    private void applyOffice(OfficeAnswer answer, PeerEntity peer, boolean moved) {
        if (answer instanceof OfficeAnswer.Resolved resolved) {
            if (!moved && resolved.topologyRevision() < peer.officeRevision) {
                return; // asked before the re-resolution job wrote an answer from a newer topology
            }
            peer.officeId = resolved.officeId();
            peer.officeName = resolved.officeName();
            peer.officeResolvedAt = Instant.now(clock);
            peer.officeRevision = resolved.topologyRevision();
        } else if (answer instanceof OfficeAnswer.Refused refused) {
            if (!moved && refused.topologyRevision() < peer.officeRevision) {
                return;
            }
            peer.officeId = null;
            peer.officeName = null;
            peer.officeResolvedAt = Instant.now(clock);
            peer.officeRevision = refused.topologyRevision();
            LOG.warnf("peer %s: no office for address %s (%s)", peer.deviceId, peer.ipAddress, refused.detail());
        } else if (moved) {
            peer.officeId = null;
            peer.officeName = null;
            peer.officeResolvedAt = null;
            peer.officeRevision = 0;
        }
    }

    /** Re-reads the gauges from the database (they also follow changes made here in between). */
    @Transactional
    public void refreshGauges() {
        long latest = revisions.latest();
        peers.set(PeerEntity.count());
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
