package dev.cascade.topology.planner;

import java.util.List;

/**
 * The requester's office first, then its parent, and so on up to the central office: the way
 * content comes down, read upwards.
 *
 * @param topologyRevision the topology revision the chain was read from
 */
public record OfficeChain(List<OfficeNode> offices, long topologyRevision) {

    public OfficeChain {
        if (offices == null || offices.isEmpty()) {
            throw new IllegalArgumentException("an office chain holds at least the requester's office");
        }
        offices = List.copyOf(offices);
        if (!offices.get(offices.size() - 1).central()) {
            throw new IllegalArgumentException("an office chain ends with the central office, not " + offices.get(offices.size() - 1).id());
        }
    }

    /** The requester's office. */
    public OfficeNode home() {
        return offices.get(0);
    }

    public OfficeNode at(int level) {
        return offices.get(level);
    }

    public int size() {
        return offices.size();
    }
}
