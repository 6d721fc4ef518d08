package dev.cascade.gateway.udp;

import java.time.Duration;
import java.util.Optional;

import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.gateway.config.SupportedVersions;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.Header;
import dev.cascade.wire.VersionRange;

/**
 * The REJECT payloads the gateway sends, each naming the input and what was expected, and
 * {@link #fit fitted} to the size of the datagram they answer: a REJECT may answer a forged
 * source address, so it must not amplify (docs/protocol.md §6).
 */
public final class RejectMessages {

    private final SupportedVersions versions;
    private final Duration maxSkew;

    public RejectMessages(SupportedVersions versions, Duration maxSkew) {
        this.versions = versions;
        this.maxSkew = maxSkew;
    }

    /** For UNKNOWN_KEY and BAD_TAG: the sender's key is wrong, retired or of the wrong family. */
    public Reject authenticationFailed(Header header, DropReason reason, long nowMillis) {
        String detail = reason == DropReason.BAD_TAG
                ? "tag does not verify with key id " + header.keyId() + ": wrong key secret"
                : "key id " + header.keyId() + " is unknown, retired, or not a key for this message type";
        return Reject.newBuilder().setReason(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED)
                .setRejectedSequence(header.sequence()).setDetail(detail).setServerTimeUnixMs(nowMillis).build();
    }

    /** The header could not be read past its version byte, so the sequence is unknown (0). */
    public Reject unsupportedProtocolVersion(int version, long nowMillis) {
        return Reject.newBuilder().setReason(RejectReason.REJECT_REASON_UNSUPPORTED_PROTOCOL_VERSION)
                .setRejectedSequence(0)
                .setDetail("protocol version " + version + " unsupported; supported "
                        + versions.protocol().getMin() + ".." + versions.protocol().getMax())
                .setSupportedProtocolVersions(versions.protocol())
                .setSupportedClientVersions(versions.client().toProto())
                .setServerTimeUnixMs(nowMillis).build();
    }

    public Reject staleTimestamp(Header header, long nowMillis) {
        long skewSeconds = (header.timestampMillis() - nowMillis) / 1000;
        return Reject.newBuilder().setReason(RejectReason.REJECT_REASON_STALE_TIMESTAMP)
                .setRejectedSequence(header.sequence())
                .setDetail("timestamp " + skewSeconds + " s off the server clock; allowed +-"
                        + maxSkew.toSeconds() + " s")
                .setServerTimeUnixMs(nowMillis).build();
    }

    public Reject malformedPayload(long sequence, String detail, long nowMillis) {
        return Reject.newBuilder().setReason(RejectReason.REJECT_REASON_MALFORMED_PAYLOAD)
                .setRejectedSequence(sequence).setDetail(detail).setServerTimeUnixMs(nowMillis).build();
    }

    public Reject unsupportedClientVersion(long sequence, String clientVersion, long nowMillis) {
        return unsupportedClientVersion(sequence, "client_version", clientVersion, versions.client(), nowMillis);
    }

    /** {@code field} (client_version, connector_version) holds {@code version}, outside {@code supported}. */
    public Reject unsupportedClientVersion(long sequence, String field, String version, VersionRange supported,
                                           long nowMillis) {
        return Reject.newBuilder().setReason(RejectReason.REJECT_REASON_UNSUPPORTED_CLIENT_VERSION)
                .setRejectedSequence(sequence)
                .setDetail(field + " " + version + " unsupported; supported " + supported)
                .setSupportedClientVersions(supported.toProto())
                .setSupportedProtocolVersions(versions.protocol())
                .setServerTimeUnixMs(nowMillis).build();
    }

    /**
     * {@code reject} cut down to a datagram of at most {@code maxDatagramBytes}: the detail is
     * shortened first, then the optional fields this reason does not need, then the rest. Empty if
     * even reason and sequence do not fit (the request was too small to deserve an answer).
     */
    public static Optional<Reject> fit(Reject reject, int maxDatagramBytes) {
        int maxPayload = maxDatagramBytes - Header.SIZE - Header.TAG_SIZE;
        Reject.Builder builder = reject.toBuilder();
        String detail = reject.getDetail();
        while (builder.build().getSerializedSize() > maxPayload && !detail.isEmpty()) {
            int excess = builder.build().getSerializedSize() - maxPayload;
            detail = detail.substring(0, Math.max(0, detail.length() - excess));
            builder.setDetail(detail);
        }
        if (builder.build().getSerializedSize() > maxPayload) {
            if (reject.getReason() != RejectReason.REJECT_REASON_STALE_TIMESTAMP) {
                builder.clearServerTimeUnixMs();
            }
            if (!isVersionReason(reject.getReason())) {
                builder.clearSupportedProtocolVersions().clearSupportedClientVersions();
            }
        }
        if (builder.build().getSerializedSize() > maxPayload) {
            builder.clearServerTimeUnixMs().clearSupportedProtocolVersions().clearSupportedClientVersions()
                    .clearRetryAfterMs();
        }
        Reject fitted = builder.build();
        return fitted.getSerializedSize() <= maxPayload ? Optional.of(fitted) : Optional.empty();
    }

    private static boolean isVersionReason(RejectReason reason) {
        return reason == RejectReason.REJECT_REASON_UNSUPPORTED_PROTOCOL_VERSION
                || reason == RejectReason.REJECT_REASON_UNSUPPORTED_CLIENT_VERSION;
    }
}
