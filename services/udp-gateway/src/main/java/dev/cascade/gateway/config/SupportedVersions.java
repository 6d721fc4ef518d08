package dev.cascade.gateway.config;

import dev.cascade.contracts.v1.SupportedRange;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.VersionRange;

/** The protocol, client (agent) and connector versions this gateway serves; named in every version REJECT. */
public record SupportedVersions(SupportedRange protocol, VersionRange client, VersionRange connector) {

    /** Connector versions as configured by default, 1.0.0..1.99.99. */
    public static SupportedVersions of(String clientMin, String clientMax) {
        return of(clientMin, clientMax, "1.0.0", "1.99.99");
    }

    public static SupportedVersions of(String clientMin, String clientMax, String connectorMin, String connectorMax) {
        VersionRange connector;
        try {
            connector = new VersionRange(connectorMin, connectorMax);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cascade.gateway.supported-connector-versions.min/max: "
                    + e.getMessage(), e);
        }
        VersionRange client;
        try {
            client = new VersionRange(clientMin, clientMax);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cascade.gateway.supported-client-versions.min/max: " + e.getMessage(), e);
        }
        String protocolVersion = Integer.toString(DatagramCodec.PROTOCOL_VERSION);
        return new SupportedVersions(SupportedRange.newBuilder().setMin(protocolVersion).setMax(protocolVersion).build(),
                client, connector);
    }
}
