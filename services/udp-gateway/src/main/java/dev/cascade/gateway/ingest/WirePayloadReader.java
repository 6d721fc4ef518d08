package dev.cascade.gateway.ingest;

import static dev.cascade.wire.PayloadText.shorten;

import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.Register;
import dev.cascade.wire.DecodedPayload;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.PayloadDecoder;
import dev.cascade.wire.VersionRange;

/**
 * A peer's message checked by the wire library's {@link PayloadDecoder} (the one set of field rules the
 * agent and the gateway share, docs/protocol.md), plus the one check that needs configuration: a client
 * version outside the supported range, which REGISTER and HEARTBEAT carry, is unsupported rather than malformed.
 */
public final class WirePayloadReader implements PayloadReader {

    private final VersionRange clientVersions;

    public WirePayloadReader(VersionRange clientVersions) {
        this.clientVersions = clientVersions;
    }

    @Override
    public PayloadValidation read(MessageType type, byte[] payload) {
        DecodedPayload decoded = PayloadDecoder.decode(type, payload);
        if (decoded instanceof DecodedPayload.Malformed malformed) {
            return new PayloadValidation.Malformed(malformed.field(), malformed.detail());
        }
        DecodedPayload.Valid valid = (DecodedPayload.Valid) decoded;
        String version = valid.message() instanceof Register register ? register.getClientVersion()
                : valid.message() instanceof Heartbeat heartbeat ? heartbeat.getClientVersion() : null;
        if (version != null && !clientVersions.contains(version)) {
            return new PayloadValidation.UnsupportedClientVersion("client_version", shorten(version), clientVersions);
        }
        return new PayloadValidation.Valid(valid.message());
    }
}
