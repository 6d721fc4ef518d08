package dev.cascade.metadata.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import org.jboss.logging.Logger;

import dev.cascade.contracts.v1.PeerHeartbeatReceived;
import dev.cascade.metadata.deployment.DeploymentNotices;
import dev.cascade.metadata.entity.PeerEntity;
import dev.cascade.processedevents.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Applies heartbeats to the registry once per event id: last_seen only moves forward, and the
 * attributes (address, storage, boot time, busy, version) are those of the newest heartbeat or
 * registration. A peer whose address changed is placed in the office of its new address.
 */
@ApplicationScoped
public class PeerHeartbeats {

    private static final Logger LOG = Logger.getLogger(PeerHeartbeats.class);
    private static final String TYPE = PeerHeartbeatReceived.getDescriptor().getFullName();

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    DeploymentNotices notices;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    /** What a heartbeat did. */
    public enum Outcome {
        /** Attributes and last_seen updated. */
        APPLIED,
        /** Attributes updated and the address changed: the office was placed again. */
        MOVED,
        /** Sent before the newest heartbeat or registration applied: only last_seen may move. */
        OUT_OF_ORDER,
        /** No peer registered with this id: skipped (a peer registers before it heartbeats; the next one counts). */
        UNKNOWN_PEER,
        DUPLICATE
    }

    /**
     * @param office topology-service's answer for the heartbeat's address when it differs from the
     *               stored one; null when the address did not change (nothing was asked)
     */
    @Transactional
    public Outcome apply(PeerHeartbeat heartbeat, OfficeAnswer office) {
        Outcome outcome = applyOnce(heartbeat, office);
        registry.counter("cascade_metadata_heartbeats_total", "outcome", outcome.name().toLowerCase()).increment();
        return outcome;
    }

    private Outcome applyOnce(PeerHeartbeat heartbeat, OfficeAnswer office) {
        if (!processedEvents.firstTime(heartbeat.eventId(), TYPE)) {
            registry.counter("cascade_metadata_events_duplicate_total", "type", TYPE).increment();
            return Outcome.DUPLICATE;
        }
        PeerEntity peer = PeerEntity.findById(heartbeat.deviceId());
        if (peer == null) {
            LOG.debugf("heartbeat %s of unregistered device %s skipped", heartbeat.eventId(), heartbeat.deviceId());
            return Outcome.UNKNOWN_PEER;
        }
        peer.heartbeats++;
        if (heartbeat.receivedAt().isAfter(peer.lastSeen)) {
            peer.lastSeen = heartbeat.receivedAt();
        }
        if (heartbeat.isOlderThan(peer.lastSentAt) || heartbeat.isOlderThan(peer.lastHeartbeatSentAt)) {
            return Outcome.OUT_OF_ORDER;
        }
        boolean moved = !Objects.equals(peer.ipAddress, heartbeat.ipAddress());
        peer.ipAddress = heartbeat.ipAddress();
        peer.prefixLength = heartbeat.prefixLength();
        peer.freeStorageBytes = heartbeat.freeStorageBytes();
        peer.usableStorageBytes = heartbeat.usableStorageBytes();
        if (heartbeat.bootTime() != null) {
            peer.bootTime = heartbeat.bootTime();
        }
        peer.busy = heartbeat.busy();
        if (!heartbeat.clientVersion().isEmpty()) {
            peer.clientVersion = heartbeat.clientVersion();
        }
        peer.lastHeartbeatSentAt = heartbeat.sentAt();
        if (moved) {
            // without an answer (the address changed after the listener looked) the office is pending:
            // the office resolution job places it
            OfficePlacement.apply(office != null ? office : new OfficeAnswer.Unavailable("not asked"), peer, true,
                    Instant.now(clock));
        }
        notices.onPeerHeard(peer);
        return moved ? Outcome.MOVED : Outcome.APPLIED;
    }
}
