package dev.cascade.metadata.service;

/** What topology-service said about a peer's address. */
public sealed interface OfficeAnswer {

    /** The address belongs to this office. */
    record Resolved(String officeId, String officeName, String reason) implements OfficeAnswer {
    }

    /** topology-service refused the address as malformed: asking again would not help. */
    record Refused(String detail) implements OfficeAnswer {
    }

    /** topology-service did not answer in time or is down: ask again later. */
    record Unavailable(String detail) implements OfficeAnswer {
    }
}
