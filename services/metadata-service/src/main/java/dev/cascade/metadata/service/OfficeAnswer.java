package dev.cascade.metadata.service;

/** What topology-service said about a peer's address. */
public sealed interface OfficeAnswer {

    /**
     * The address belongs to this office.
     *
     * @param topologyRevision the topology revision the answer was computed from
     */
    record Resolved(String officeId, String officeName, String reason, long topologyRevision) implements OfficeAnswer {
    }

    /**
     * topology-service refused the address as malformed: asking again would not help.
     *
     * @param topologyRevision the revision of the refusing topology when known, else 0
     */
    record Refused(String detail, long topologyRevision) implements OfficeAnswer {
    }

    /** topology-service did not answer in time or is down: ask again later. */
    record Unavailable(String detail) implements OfficeAnswer {
    }
}
