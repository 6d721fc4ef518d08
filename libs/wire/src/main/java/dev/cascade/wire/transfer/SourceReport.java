package dev.cascade.wire.transfer;

import java.net.InetSocketAddress;
import java.util.UUID;

/**
 * What one source did in a fetch: the outcome, the verified piece bytes it delivered, the pieces it delivered,
 * and in words why it was dropped (empty when it was not).
 */
public record SourceReport(UUID deviceId, InetSocketAddress address, SourceOutcome outcome, long bytes, int pieces,
                           String detail) {
}
