package dev.cascade.metadata.service;

import java.time.Instant;

import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.PeerHeartbeatReceived;
import dev.cascade.contracts.v1.PeerReportOrigin;

/**
 * One heartbeat of a peer, read and checked from a PeerHeartbeatReceived event.
 *
 * @param sentAt     the peer's own timestamp: orders the heartbeats (and registrations) of one peer
 * @param receivedAt when the gateway accepted it: the peer was seen then
 * @param bootTime   null when the peer did not report it
 */
public record PeerHeartbeat(String eventId, String deviceId, String ipAddress, int prefixLength, long freeStorageBytes,
        long usableStorageBytes, Instant bootTime, boolean busy, String clientVersion, Instant sentAt, Instant receivedAt) {

    private static final int MAX_ADDRESS = 45;
    private static final int MAX_CLIENT_VERSION = 32;

    /**
     * @throws IllegalArgumentException naming the event and the field when it cannot be a heartbeat
     */
    public static PeerHeartbeat from(String eventId, PeerHeartbeatReceived event, Instant now) {
        PeerReportOrigin origin = event.getOrigin();
        String deviceId;
        try {
            deviceId = DeviceId.canonical(origin.getDeviceId());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PeerHeartbeatReceived event " + eventId + ": device_id " + e.getMessage(), e);
        }
        Heartbeat heartbeat = event.getHeartbeat();
        String ip = heartbeat.getIpAddress().isBlank() ? PeerRegistration.hostOf(origin.getSourceAddress())
                : heartbeat.getIpAddress().strip();
        if (ip.isEmpty()) {
            throw new IllegalArgumentException("PeerHeartbeatReceived event " + eventId + " has neither ip_address nor source_address");
        }
        if (ip.length() > MAX_ADDRESS) {
            throw new IllegalArgumentException("PeerHeartbeatReceived event " + eventId + ": ip_address is " + ip.length()
                    + " characters long, at most " + MAX_ADDRESS + " allowed");
        }
        if (heartbeat.getClientVersion().length() > MAX_CLIENT_VERSION) {
            throw new IllegalArgumentException("PeerHeartbeatReceived event " + eventId + ": client_version is "
                    + heartbeat.getClientVersion().length() + " characters long, at most " + MAX_CLIENT_VERSION + " allowed");
        }
        Instant receivedAt = origin.getReceivedAtUnixMs() > 0 ? Instant.ofEpochMilli(origin.getReceivedAtUnixMs()) : now;
        Instant sentAt = origin.getSentAtUnixMs() > 0 ? Instant.ofEpochMilli(origin.getSentAtUnixMs()) : receivedAt;
        Instant bootTime = heartbeat.getBootTimeUnixMs() > 0 ? Instant.ofEpochMilli(heartbeat.getBootTimeUnixMs()) : null;
        return new PeerHeartbeat(eventId, deviceId, ip, heartbeat.getPrefixLength(), heartbeat.getFreeStorageBytes(),
                heartbeat.getUsableStorageBytes(), bootTime, heartbeat.getBusy(), heartbeat.getClientVersion(), sentAt, receivedAt);
    }

    /** Whether a newer heartbeat or registration (sent at {@code newestSentAt}) is already applied. */
    public boolean isOlderThan(Instant newestSentAt) {
        return newestSentAt != null && sentAt.isBefore(newestSentAt);
    }
}
