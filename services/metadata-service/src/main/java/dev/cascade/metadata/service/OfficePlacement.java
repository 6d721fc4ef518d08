package dev.cascade.metadata.service;

import java.time.Instant;

import org.jboss.logging.Logger;

import dev.cascade.metadata.entity.PeerEntity;

/** Writes what topology-service answered for a peer's address onto the peer (registrations and heartbeats). */
final class OfficePlacement {

    private static final Logger LOG = Logger.getLogger(OfficePlacement.class);

    private OfficePlacement() {
    }

    /**
     * @param moved the peer's address changed (or it is new): an office it had belongs to its old
     *              address, so without an answer now the office is pending again
     */
    static void apply(OfficeAnswer answer, PeerEntity peer, boolean moved, Instant now) {
        if (answer instanceof OfficeAnswer.Resolved resolved) {
            if (!moved && resolved.topologyRevision() < peer.officeRevision) {
                return; // asked before the re-resolution job wrote an answer from a newer topology
            }
            peer.officeId = resolved.officeId();
            peer.officeName = resolved.officeName();
            peer.officeResolvedAt = now;
            peer.officeRevision = resolved.topologyRevision();
        } else if (answer instanceof OfficeAnswer.Refused refused) {
            if (!moved && refused.topologyRevision() < peer.officeRevision) {
                return;
            }
            peer.officeId = null;
            peer.officeName = null;
            peer.officeResolvedAt = now;
            peer.officeRevision = refused.topologyRevision();
            LOG.warnf("peer %s: no office for address %s (%s)", peer.deviceId, peer.ipAddress, refused.detail());
        } else if (moved) {
            peer.officeId = null;
            peer.officeName = null;
            peer.officeResolvedAt = null;
            peer.officeRevision = 0;
        }
    }
}
