package dev.cascade.activation.rest;

import java.time.Instant;
import java.util.List;

/**
 * The activation state as {@code GET /activation} shows it: no secrets, only key ids.
 *
 * @param retiredKeys keys rotated out that still verify, until the end of their grace period
 */
public record ActivationView(boolean activated, String serverName, String serverIp, String customer, Instant activatedAt,
        long connectorKeyId, long fleetKeyId, List<RetiredKey> retiredKeys, long keyRingRevision) {

    /** A key rotated out, still verifying until {@code validUntil}. */
    public record RetiredKey(long id, String family, Instant validUntil) {
    }
}
