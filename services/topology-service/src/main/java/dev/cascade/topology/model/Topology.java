package dev.cascade.topology.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;


/**
 * A valid set of offices: one hierarchy under one central office, unique ids and names, and no two
 * ranges sharing an address. Immutable; every instance has passed {@link TopologyValidator}.
 * Offices keep the order they were given in, which is the order an export writes.
 */
public final class Topology {

    /** The id of the central office a new installation starts with. */
    public static final String CENTRAL_ID = "central";
    public static final String CENTRAL_NAME = "Central office";

    private final List<OfficeDefinition> offices;
    private final Map<String, OfficeDefinition> byId;
    private final Map<String, List<OfficeDefinition>> children;
    private final OfficeDefinition central;
    private volatile OfficeResolver resolver;

    private Topology(List<OfficeDefinition> offices) {
        this.offices = List.copyOf(offices);
        Map<String, OfficeDefinition> ids = new LinkedHashMap<>();
        Map<String, List<OfficeDefinition>> kids = new HashMap<>();
        OfficeDefinition top = null;
        for (OfficeDefinition office : this.offices) {
            ids.put(office.id(), office);
            if (office.isCentral()) {
                top = office;
            } else {
                kids.computeIfAbsent(office.parentId(), k -> new ArrayList<>()).add(office);
            }
        }
        this.byId = ids;
        kids.replaceAll((k, list) -> List.copyOf(list));
        this.children = kids;
        this.central = top;
    }

    /**
     * The topology of {@code offices}.
     *
     * @throws InvalidTopologyException listing every problem when they do not make a valid topology
     */
    public static Topology of(Collection<OfficeDefinition> offices) {
        List<TopologyProblem> problems = new TopologyValidator().validate(offices);
        if (!problems.isEmpty()) {
            throw new InvalidTopologyException(problems);
        }
        return new Topology(List.copyOf(offices));
    }

    /** For offices that {@link TopologyValidator} has just accepted: skips validating twice. */
    static Topology validated(List<OfficeDefinition> offices) {
        return new Topology(offices);
    }

    /** What a new installation starts with: the central office alone, without ranges, holding every address. */
    public static Topology initial() {
        return validated(List.of(OfficeDefinition.of(CENTRAL_ID, CENTRAL_NAME, OfficeKind.STANDARD, null, List.of())));
    }

    public List<OfficeDefinition> offices() {
        return offices;
    }

    public int size() {
        return offices.size();
    }

    public Optional<OfficeDefinition> office(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public boolean contains(String id) {
        return byId.containsKey(id);
    }

    public OfficeDefinition central() {
        return central;
    }

    /** The direct sub-offices of {@code id}, in topology order; empty for a leaf or an unknown id. */
    public List<OfficeDefinition> children(String id) {
        return children.getOrDefault(id, List.of());
    }

    /**
     * The office and its ancestors, ending with the central office: the way content travels, in reverse.
     *
     * @throws NoSuchElementException naming the id when there is no such office
     */
    public List<OfficeDefinition> pathToCentral(String id) {
        OfficeDefinition office = byId.get(id);
        if (office == null) {
            throw new NoSuchElementException("no office with id \"" + id + "\"");
        }
        List<OfficeDefinition> path = new ArrayList<>();
        for (OfficeDefinition current = office; current != null; current = current.isCentral() ? null : byId.get(current.parentId())) {
            path.add(current);
        }
        return List.copyOf(path);
    }

    /** How many ranges all offices hold together. */
    public int rangeCount() {
        return offices.stream().mapToInt(office -> office.ranges().size()).sum();
    }

    /** Resolves addresses against this topology's ranges; built on first use, then kept. */
    public OfficeResolver resolver() {
        OfficeResolver current = resolver;
        if (current == null) {
            current = OfficeResolver.of(central.id(), offices);
            resolver = current;
        }
        return current;
    }

    /**
     * This topology with {@code office} added, or replacing the office of the same id.
     *
     * @throws InvalidTopologyException when the result is not a valid topology
     */
    public Topology with(OfficeDefinition office) {
        List<OfficeDefinition> next = new ArrayList<>(offices);
        int index = indexOf(office.id());
        if (index >= 0) {
            next.set(index, office);
        } else {
            next.add(office);
        }
        return of(next);
    }

    /**
     * This topology without office {@code id}.
     *
     * @throws NoSuchElementException   when there is no such office
     * @throws InvalidTopologyException when the result is not valid, e.g. the office still has sub-offices
     */
    public Topology without(String id) {
        int index = indexOf(id);
        if (index < 0) {
            throw new NoSuchElementException("no office with id \"" + id + "\"");
        }
        List<OfficeDefinition> next = new ArrayList<>(offices);
        next.remove(index);
        return of(next);
    }

    private int indexOf(String id) {
        for (int i = 0; i < offices.size(); i++) {
            if (offices.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Topology topology && topology.offices.equals(offices);
    }

    @Override
    public int hashCode() {
        return offices.hashCode();
    }

    @Override
    public String toString() {
        return "Topology[" + offices.size() + " offices, " + rangeCount() + " ranges, central " + central.id() + "]";
    }
}
