package dev.cascade.gateway.udp;

import java.time.Duration;

import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.gateway.config.SupportedVersions;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.Header;

/**
 * The REJECT payloads the gateway sends, each naming the input and what was expected.
 * Details are short: a REJECT may answer a forged datagram, and it should not be much larger than it.
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
                ? "the tag does not verify with key id " + header.keyId() + ": the sender's key secret is wrong"
                : "key id " + header.keyId() + " is unknown, retired, or not a key for this message type";
        return Reject.newBuilder().setReason(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED)
                .setRejectedSequence(header.sequence()).setDetail(detail).setServerTimeUnixMs(nowMillis).build();
    }

    /** The header could not be read past its version byte, so the sequence is unknown (0). */
    public Reject unsupportedProtocolVersion(int version, long nowMillis) {
        return Reject.newBuilder().setReason(RejectReason.REJECT_REASON_UNSUPPORTED_PROTOCOL_VERSION)
                .setRejectedSequence(0)
                .setDetail("protocol version " + version + " is not supported; supported: "
                        + versions.protocol().getMin() + ".." + versions.protocol().getMax())
                .setSupportedProtocolVersions(versions.protocol())
                .setSupportedClientVersions(versions.client().toProto())
                .setServerTimeUnixMs(nowMillis).build();
    }

    public Reject staleTimestamp(Header header, long nowMillis) {
        long skewSeconds = (header.timestampMillis() - nowMillis) / 1000;
        return Reject.newBuilder().setReason(RejectReason.REJECT_REASON_STALE_TIMESTAMP)
                .setRejectedSequence(header.sequence())
                .setDetail("timestamp is " + skewSeconds + " s from the server clock; allowed: ±"
                        + maxSkew.toSeconds() + " s")
                .setServerTimeUnixMs(nowMillis).build();
    }

    public Reject malformedPayload(long sequence, String detail, long nowMillis) {
        return Reject.newBuilder().setReason(RejectReason.REJECT_REASON_MALFORMED_PAYLOAD)
                .setRejectedSequence(sequence).setDetail(detail).setServerTimeUnixMs(nowMillis).build();
    }

    public Reject unsupportedClientVersion(long sequence, String clientVersion, long nowMillis) {
        return Reject.newBuilder().setReason(RejectReason.REJECT_REASON_UNSUPPORTED_CLIENT_VERSION)
                .setRejectedSequence(sequence)
                .setDetail("client_version " + clientVersion + " is not supported; supported: " + versions.client())
                .setSupportedClientVersions(versions.client().toProto())
                .setSupportedProtocolVersions(versions.protocol())
                .setServerTimeUnixMs(nowMillis).build();
    }
}
