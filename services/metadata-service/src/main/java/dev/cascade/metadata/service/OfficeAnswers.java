package dev.cascade.metadata.service;

import java.util.List;

/** What topology-service said about a batch of addresses. */
public sealed interface OfficeAnswers {

    /**
     * One answer per address, in the order asked: each {@link OfficeAnswer.Resolved} or {@link OfficeAnswer.Refused}.
     *
     * @param topologyRevision the topology revision every answer was computed from
     */
    record Answered(long topologyRevision, List<OfficeAnswer> answers) implements OfficeAnswers {
    }

    /** topology-service did not answer in time, is down, or answered something unusable: ask again later. */
    record Unavailable(String detail) implements OfficeAnswers {
    }
}
