package dev.cascade.gateway.config;

import dev.cascade.contracts.v1.SupportedRange;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.VersionRange;

/** The protocol and client versions this gateway serves; named in every version REJECT. */
public record SupportedVersions(SupportedRange protocol, VersionRange client) {

    public static SupportedVersions of(String clientMin, String clientMax) {
        VersionRange client;
        try {
            client = new VersionRange(clientMin, clientMax);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cascade.gateway.supported-client-versions.min/max: " + e.getMessage(), e);
        }
        String protocolVersion = Integer.toString(DatagramCodec.PROTOCOL_VERSION);
        return new SupportedVersions(SupportedRange.newBuilder().setMin(protocolVersion).setMax(protocolVersion).build(),
                client);
    }
}
