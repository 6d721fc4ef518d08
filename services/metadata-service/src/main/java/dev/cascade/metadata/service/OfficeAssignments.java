package dev.cascade.metadata.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jboss.logging.Logger;

import dev.cascade.metadata.entity.PeerEntity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Which peers need their office (again), and writing the answers topology-service gave for them.
 * A peer needs it while pending (never answered) or stale (answered from a topology older than the
 * newest announced revision). A stale peer keeps its office until a newer answer is written.
 */
@ApplicationScoped
@Startup
public class OfficeAssignments {

    private static final Logger LOG = Logger.getLogger(OfficeAssignments.class);
    private static final String NEEDING = "(officeResolvedAt is null or officeRevision < :latest) and deviceId > :after";

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    private Counter moves;

    /** A peer to ask topology-service about, with the office it has now (null when none). */
    public record PeerToPlace(String deviceId, String ipAddress, String officeId) {
    }

    /** What writing one batch did: peers updated, and how many of them changed from one office to another. */
    public record Written(int updated, int moved) {
    }

    /** At creation, not on StartupEvent: messaging and the scheduler start before its observers and may call first. */
    @PostConstruct
    void init() {
        moves = Counter.builder("cascade_metadata_peer_office_moves_total")
                .description("Peers re-resolved into another office than the one they had (after topology changes)")
                .register(registry);
    }

    /**
     * Peers that are pending or stale at {@code latestRevision}, ordered by device id, after
     * {@code afterDeviceId} (keyset paging: "" for the first page), at most {@code max}.
     */
    @Transactional
    public List<PeerToPlace> needingOffice(long latestRevision, String afterDeviceId, int max) {
        return PeerEntity.<PeerEntity>find(NEEDING, Sort.by("deviceId"),
                        Parameters.with("latest", latestRevision).and("after", afterDeviceId))
                .range(0, max - 1).list().stream()
                .map(peer -> new PeerToPlace(peer.deviceId, peer.ipAddress, peer.officeId)).toList();
    }

    /**
     * Writes {@code answers} (in the order of {@code peers}), each only if the peer still has the
     * address it was asked for and no answer from a newer topology was written meanwhile (by a
     * registration or another replica's job): a late answer never overwrites a newer one.
     */
    @Transactional
    public Written write(List<PeerToPlace> peers, List<OfficeAnswer> answers) {
        if (peers.size() != answers.size()) {
            throw new IllegalArgumentException(peers.size() + " peers but " + answers.size() + " answers");
        }
        Instant now = Instant.now(clock);
        int updated = 0;
        int moved = 0;
        for (int i = 0; i < peers.size(); i++) {
            PeerToPlace peer = peers.get(i);
            OfficeAnswer answer = answers.get(i);
            int rows;
            String officeId = null;
            if (answer instanceof OfficeAnswer.Resolved resolved) {
                officeId = resolved.officeId();
                rows = PeerEntity.update("officeId = ?1, officeName = ?2, officeResolvedAt = ?3, officeRevision = ?4"
                        + " where deviceId = ?5 and ipAddress = ?6 and officeRevision <= ?4", resolved.officeId(),
                        resolved.officeName(), now, resolved.topologyRevision(), peer.deviceId(), peer.ipAddress());
            } else if (answer instanceof OfficeAnswer.Refused refused) {
                rows = PeerEntity.update("officeId = null, officeName = null, officeResolvedAt = ?1, officeRevision = ?2"
                        + " where deviceId = ?3 and ipAddress = ?4 and officeRevision <= ?2", now, refused.topologyRevision(),
                        peer.deviceId(), peer.ipAddress());
                if (rows > 0) {
                    LOG.warnf("peer %s: no office for address %s (%s)", peer.deviceId(), peer.ipAddress(), refused.detail());
                }
            } else {
                throw new IllegalArgumentException("answer " + i + " is not an answer: " + answer);
            }
            if (rows > 0) {
                updated++;
                if (peer.officeId() != null && !Objects.equals(peer.officeId(), officeId)) {
                    moved++;
                    LOG.debugf("peer %s (%s) moved from office %s to %s", peer.deviceId(), peer.ipAddress(), peer.officeId(),
                            officeId);
                }
            }
        }
        moves.increment(moved);
        return new Written(updated, moved);
    }
}
