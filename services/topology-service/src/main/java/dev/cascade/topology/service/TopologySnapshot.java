package dev.cascade.topology.service;

import dev.cascade.topology.model.OfficeResolver;
import dev.cascade.topology.model.Topology;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The topology at one revision, immutable: the offices by id and the {@link OfficeResolver} of
 * their ranges. Every read of one request uses one snapshot, so an answer never mixes two topologies.
 */
public final class TopologySnapshot {

    private final long revision;
    private final Map<String, OfficeView> offices;
    private final List<OfficeView> ordered;
    private final OfficeResolver resolver;
    private final Topology topology;

    /**
     * @throws IllegalStateException    when there is not exactly one central office
     * @throws IllegalArgumentException naming the range and office when a range is malformed
     */
    public TopologySnapshot(long revision, Collection<OfficeView> offices) {
        this(revision, offices, null, null);
    }

    /**
     * The snapshot of a validated topology, as a change committed it: it resolves with the
     * topology's own resolver (building one for 100 000 ranges takes seconds, and an import has built
     * it already) and keeps the topology, so that the next change starts from it without reading
     * and parsing the tables again.
     */
    public TopologySnapshot(long revision, Topology topology) {
        this(revision, topology.offices().stream().map(OfficeView::of).toList(), topology.resolver(), topology);
    }

    private TopologySnapshot(long revision, Collection<OfficeView> offices, OfficeResolver resolver, Topology topology) {
        this.revision = revision;
        this.topology = topology;
        TreeMap<String, OfficeView> byId = new TreeMap<>();
        for (OfficeView office : offices) {
            byId.put(office.officeId(), office);
        }
        List<String> centrals = byId.values().stream().filter(OfficeView::central).map(OfficeView::officeId).toList();
        if (centrals.size() != 1) {
            throw new IllegalStateException("the topology must have exactly one central office, found " + centrals);
        }
        this.offices = Collections.unmodifiableMap(byId);
        this.ordered = List.copyOf(byId.values());
        this.resolver = resolver != null ? resolver : new OfficeResolver(centrals.get(0), ranges(byId.values()));
    }

    private static List<OfficeResolver.Range> ranges(Collection<OfficeView> offices) {
        List<OfficeResolver.Range> ranges = new ArrayList<>();
        for (OfficeView office : offices) {
            for (OfficeView.RangeView range : office.ranges()) {
                ranges.add(OfficeResolver.Range.of(office.officeId(), range.firstAddress(), range.lastAddress(), range.cidr()));
            }
        }
        return ranges;
    }

    public long revision() {
        return revision;
    }

    /** Every office, ordered by id. */
    public List<OfficeView> offices() {
        return ordered;
    }

    public Optional<OfficeView> office(String officeId) {
        return Optional.ofNullable(offices.get(officeId));
    }

    public OfficeResolver resolver() {
        return resolver;
    }

    /** The topology as validated when this snapshot was installed by a change; empty when it was read from the tables. */
    public Optional<Topology> topology() {
        return Optional.ofNullable(topology);
    }

    /**
     * The office and its ancestors up to the central office, in that order; empty when no office
     * has the id.
     *
     * @throws IllegalStateException naming the offices when the parents form a cycle or name an
     *                               office that does not exist (a topology that validation let through)
     */
    public Optional<List<OfficeView>> path(String officeId) {
        OfficeView office = offices.get(officeId);
        if (office == null) {
            return Optional.empty();
        }
        Set<String> seen = new LinkedHashSet<>();
        List<OfficeView> path = new ArrayList<>();
        for (;;) {
            if (!seen.add(office.officeId())) {
                throw new IllegalStateException("the parents of office " + officeId + " form a cycle: " + seen);
            }
            path.add(office);
            if (office.central()) {
                return Optional.of(List.copyOf(path));
            }
            String parent = office.parentOfficeId();
            if (parent == null) {
                throw new IllegalStateException("office " + office.officeId() + " has no parent and is not the central office");
            }
            OfficeView child = office;
            office = offices.get(parent);
            if (office == null) {
                throw new IllegalStateException("office " + child.officeId() + " names parent " + parent + ", which does not exist");
            }
        }
    }
}
