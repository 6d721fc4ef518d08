package dev.cascade.topology.service;

/** An import's dry run saw another revision than the one it would now be applied to. */
public final class TopologyConflictException extends RuntimeException {

    private final long expectedRevision;
    private final long actualRevision;

    public TopologyConflictException(long expectedRevision, long actualRevision) {
        super("the topology changed since the dry run (revision " + expectedRevision + ", now " + actualRevision
                + "); run the dry run again");
        this.expectedRevision = expectedRevision;
        this.actualRevision = actualRevision;
    }

    public long expectedRevision() {
        return expectedRevision;
    }

    public long actualRevision() {
        return actualRevision;
    }
}
