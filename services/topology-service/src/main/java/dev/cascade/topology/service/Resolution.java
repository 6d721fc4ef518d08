package dev.cascade.topology.service;

/**
 * The office an address belongs to, and why.
 *
 * @param matchedRange      the range that holds the address (CIDR or "first-last"), null for the central-office fallback
 * @param reason            a sentence for operators, e.g. "matched range 10.1.0.0/16 of office ams (Amsterdam)"
 * @param topologyRevision  the revision of the topology the answer was computed from
 */
public record Resolution(String ipAddress, OfficeView office, String matchedRange, String reason, long topologyRevision) {

    public boolean matched() {
        return matchedRange != null;
    }
}
