package dev.cascade.metadata.service;

import java.time.Instant;
import java.util.Locale;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.PeerReplyReceived;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;

/**
 * A peer's answer to a server message (DEPLOYMENT_NOTICE, SOURCE_PLAN, CLIENT_ACTIVATION), read and checked from a
 * PeerReplyReceived event: an ACK, or a REJECT with its reason and the peer's sentence (protocol.md §2, §14).
 *
 * @param reason     for a REJECT the reason's name without its prefix, lower case ("malformed_payload"; "unknown" for
 *                   a number this version does not know); "" for an ACK
 * @param detail     for a REJECT the peer's sentence, at most {@link #MAX_DETAIL} characters; "" for an ACK
 * @param receivedAt when the gateway accepted the reply
 */
public record PeerReply(String eventId, String deviceId, boolean rejected, String reason, String detail,
        Instant receivedAt) {

    /** Message type codes (protocol.md §2). */
    static final int ACK = 0x02;
    static final int REJECT = 0x03;
    /** The stored length of a REJECT's sentence (peer.last_reject_detail); a longer one is cut, marked with "…". */
    public static final int MAX_DETAIL = 256;
    private static final String REASON_PREFIX = "REJECT_REASON_";

    /**
     * @throws IllegalArgumentException naming the event and what is wrong when it cannot be a peer's reply
     */
    public static PeerReply from(String eventId, PeerReplyReceived event, Instant now) {
        String deviceId;
        try {
            deviceId = DeviceId.canonical(event.getDeviceId());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PeerReplyReceived event " + eventId + ": device_id " + e.getMessage(), e);
        }
        Instant receivedAt = event.getReceivedAtUnixMs() > 0 ? Instant.ofEpochMilli(event.getReceivedAtUnixMs()) : now;
        try {
            return switch (event.getMessageType()) {
                case ACK -> {
                    Ack.parseFrom(event.getPayload());
                    yield new PeerReply(eventId, deviceId, false, "", "", receivedAt);
                }
                case REJECT -> {
                    Reject reject = Reject.parseFrom(event.getPayload());
                    yield new PeerReply(eventId, deviceId, true, reason(reject), shorten(reject.getDetail().strip()),
                            receivedAt);
                }
                default -> throw new IllegalArgumentException("PeerReplyReceived event " + eventId + ": message_type 0x"
                        + Integer.toHexString(event.getMessageType()) + " is neither ACK (0x02) nor REJECT (0x03)");
            };
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("PeerReplyReceived event " + eventId + ": the payload does not parse as "
                    + (event.getMessageType() == ACK ? "an Ack" : "a Reject") + " (" + e.getMessage() + ")", e);
        }
    }

    /** "malformed_payload"; a reason number this version does not know (a newer peer) is "unknown". */
    private static String reason(Reject reject) {
        RejectReason reason = reject.getReason();
        if (reason == RejectReason.UNRECOGNIZED) {
            return "unknown"; // one label value, however many numbers a peer sends
        }
        return reason.name().substring(REASON_PREFIX.length()).toLowerCase(Locale.ROOT);
    }

    private static String shorten(String detail) {
        return detail.length() <= MAX_DETAIL ? detail : detail.substring(0, MAX_DETAIL - 1) + "…";
    }
}
