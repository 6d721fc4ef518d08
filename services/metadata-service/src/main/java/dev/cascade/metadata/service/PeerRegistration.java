package dev.cascade.metadata.service;

import java.time.Instant;

import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.contracts.v1.Register;

/**
 * One registration of a peer, read and checked from a PeerRegistered event.
 *
 * @param sentAt     the peer's own timestamp of the registration: orders registrations of one peer
 * @param receivedAt when the gateway accepted it: the peer was seen then
 * @param bootTime   null when the peer did not report it
 */
public record PeerRegistration(String eventId, String deviceId, String hostname, String ipAddress, int prefixLength,
        String deviceClass, String osType, long freeStorageBytes, long usableStorageBytes, Instant bootTime,
        String clientVersion, Instant sentAt, Instant receivedAt) {

    private static final int MAX_EVENT_ID = 64;
    private static final int MAX_HOSTNAME = 253;
    private static final int MAX_ADDRESS = 45;
    private static final int MAX_CLIENT_VERSION = 32;

    /**
     * Reads the registration in {@code event}. The peer's address is the one it reported; when it
     * reported none, the source address the gateway saw. Missing timestamps fall back to {@code now}.
     *
     * @throws IllegalArgumentException naming the event and the field when the event cannot be a registration
     */
    public static PeerRegistration from(String eventId, PeerRegistered event, Instant now) {
        if (eventId.length() > MAX_EVENT_ID) {
            throw new IllegalArgumentException("event id '" + eventId + "' is longer than " + MAX_EVENT_ID + " characters");
        }
        String deviceId;
        try {
            deviceId = DeviceId.canonical(event.getDeviceId());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PeerRegistered event " + eventId + ": device_id " + e.getMessage(), e);
        }
        Register register = event.getRegistration();
        String ip = register.getIpAddress().isBlank() ? hostOf(event.getSourceAddress()) : register.getIpAddress().strip();
        if (ip.isEmpty()) {
            throw new IllegalArgumentException("PeerRegistered event " + eventId + " has neither ip_address nor source_address");
        }
        requireLength(eventId, "ip_address", ip, MAX_ADDRESS);
        requireLength(eventId, "hostname", register.getHostname(), MAX_HOSTNAME);
        requireLength(eventId, "client_version", register.getClientVersion(), MAX_CLIENT_VERSION);
        Instant receivedAt = event.getReceivedAtUnixMs() > 0 ? Instant.ofEpochMilli(event.getReceivedAtUnixMs()) : now;
        Instant sentAt = event.getSentAtUnixMs() > 0 ? Instant.ofEpochMilli(event.getSentAtUnixMs()) : receivedAt;
        Instant bootTime = register.getBootTimeUnixMs() > 0 ? Instant.ofEpochMilli(register.getBootTimeUnixMs()) : null;
        return new PeerRegistration(eventId, deviceId, register.getHostname(), ip, register.getPrefixLength(),
                deviceClass(register), osType(register), register.getFreeStorageBytes(), register.getUsableStorageBytes(),
                bootTime, register.getClientVersion(), sentAt, receivedAt);
    }

    /**
     * Whether this registration was sent before the one already stored (sent at {@code storedSentAt}):
     * delivered late, it must not overwrite newer attributes.
     */
    public boolean isOlderThan(Instant storedSentAt) {
        return storedSentAt != null && sentAt.isBefore(storedSentAt);
    }

    /** The host of "ip:port", "[ipv6]:port" or a bare address; empty for an empty text. */
    static String hostOf(String sourceAddress) {
        String text = sourceAddress.strip();
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            return end > 0 ? text.substring(1, end) : text;
        }
        int colon = text.lastIndexOf(':');
        boolean hostAndPort = colon > 0 && text.indexOf(':') == colon; // one colon: IPv4 with a port
        return hostAndPort ? text.substring(0, colon) : text;
    }

    private static String deviceClass(Register register) {
        return switch (register.getDeviceClass()) {
            case DEVICE_CLASS_DESKTOP -> "DESKTOP";
            case DEVICE_CLASS_LAPTOP -> "LAPTOP";
            default -> "UNSPECIFIED";
        };
    }

    private static String osType(Register register) {
        return switch (register.getOsType()) {
            case OS_TYPE_SERVER -> "SERVER";
            case OS_TYPE_WORKSTATION -> "WORKSTATION";
            default -> "UNSPECIFIED";
        };
    }

    private static void requireLength(String eventId, String field, String value, int max) {
        if (value.length() > max) {
            throw new IllegalArgumentException("PeerRegistered event " + eventId + ": " + field + " is "
                    + value.length() + " characters long, at most " + max + " allowed");
        }
    }
}
