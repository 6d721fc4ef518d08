package dev.cascade.topology.planner;

import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.SourceProtocol;

/**
 * One place to fetch from.
 *
 * @param deviceId  the peer; empty for the origin
 * @param officeId  the peer's office; empty for the origin
 * @param originUrl for the origin only
 * @param reason    why this source, in words for the admin
 */
public record Source(String deviceId, String hostname, String ipAddress, int port, SourceProtocol protocol,
        SourceClass sourceClass, String officeId, String originUrl, String reason) {

    public Source {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("every source needs a reason");
        }
    }

    public boolean isOrigin() {
        return protocol == SourceProtocol.SOURCE_PROTOCOL_ORIGIN_HTTP;
    }

    /** Fetched over the WAN: from an upstream office or the origin. */
    public boolean overWan() {
        return protocol == SourceProtocol.SOURCE_PROTOCOL_BACKGROUND || isOrigin();
    }
}
