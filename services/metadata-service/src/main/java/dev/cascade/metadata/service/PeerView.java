package dev.cascade.metadata.service;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.metadata.entity.PeerEntity;

/**
 * A registered peer as the API shows it.
 *
 * @param active           heard from (REGISTER or HEARTBEAT) within the heartbeat TTL
 * @param busy             all upload slots taken, as the newest heartbeat said
 * @param office           null while the office is not known
 * @param officeResolution "resolved"; "pending" while topology-service has not answered yet (retried
 *                         in the background); "unresolvable" when topology-service refused the address
 * @param rejects          REJECTs of the server's messages this peer sent
 * @param lastReject       the newest of them; null when it never rejected one
 * @param license          read from licensing-service at request time; absent in lists
 */
public record PeerView(String deviceId, String hostname, String ipAddress, int prefixLength, String deviceClass,
        String osType, long freeStorageBytes, long usableStorageBytes, Instant bootTime, String clientVersion,
        Instant firstSeen, Instant lastSeen, boolean active, boolean busy, long registrations, long heartbeats,
        OfficeRef office, String officeResolution, Instant officeResolvedAt, long rejects, RejectRef lastReject,
        @JsonInclude(JsonInclude.Include.NON_NULL) LicenseView license) {

    public record OfficeRef(String officeId, String name) {
    }

    /**
     * A REJECT of a server message (DEPLOYMENT_NOTICE, SOURCE_PLAN or CLIENT_ACTIVATION).
     *
     * @param at     when the gateway received it
     * @param reason e.g. "malformed_payload" (protocol.md §2's reject reasons, lower case, without the prefix)
     * @param detail the peer's sentence: what it refused and why
     */
    public record RejectRef(Instant at, String reason, String detail) {
    }

    public static PeerView of(PeerEntity peer, boolean active) {
        OfficeRef office = peer.officeId == null ? null : new OfficeRef(peer.officeId, peer.officeName);
        String resolution = peer.officeId != null ? "resolved" : peer.officeResolvedAt == null ? "pending" : "unresolvable";
        return new PeerView(peer.deviceId, peer.hostname, peer.ipAddress, peer.prefixLength, peer.deviceClass,
                peer.osType, peer.freeStorageBytes, peer.usableStorageBytes, peer.bootTime, peer.clientVersion,
                peer.firstSeen, peer.lastSeen, active, peer.busy, peer.registrations, peer.heartbeats, office, resolution,
                peer.officeResolvedAt, peer.rejects, peer.lastRejectAt == null ? null
                        : new RejectRef(peer.lastRejectAt, peer.lastRejectReason, peer.lastRejectDetail), null);
    }

    public PeerView withLicense(LicenseView license) {
        return new PeerView(deviceId, hostname, ipAddress, prefixLength, deviceClass, osType, freeStorageBytes,
                usableStorageBytes, bootTime, clientVersion, firstSeen, lastSeen, active, busy, registrations, heartbeats,
                office, officeResolution, officeResolvedAt, rejects, lastReject, license);
    }
}
