package dev.cascade.topology.model;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;


/**
 * What replacing the current topology by a proposed one would change — the dry run of an import:
 * offices added, removed and changed (field by field, old and new value), and the peers that would
 * land in another office, found by resolving each peer's address against the proposed topology.
 * Subnets and RVPs are compared as sets: their order carries no meaning.
 *
 * @param added              offices only in the proposed topology, in its order
 * @param removed            offices only in the current topology, in its order
 * @param changed            offices in both whose fields differ, in proposed order
 * @param movedPeers         peers whose office would change (a pending peer, without office, counts as moving)
 * @param unresolvablePeers  peers whose address cannot be read, so could not be placed
 */
public record TopologyDiff(List<OfficeDefinition> added, List<OfficeDefinition> removed, List<OfficeChange> changed,
        List<PeerMove> movedPeers, List<PeerPlacement> unresolvablePeers) {

    /** The fields of one office that differ. */
    public record OfficeChange(String officeId, List<FieldChange> fields) {
    }

    /**
     * One field's old and new value as the sheet writes them.
     *
     * @param field the column header, e.g. "subnets"
     */
    public record FieldChange(String field, String oldValue, String newValue) {
    }

    /**
     * A peer that would change office.
     *
     * @param reason how its address resolves in the proposed topology, e.g. "matched range 10.2.0.0/16 of office berlin"
     */
    public record PeerMove(String deviceId, String hostname, String ip, String fromOfficeId, String toOfficeId,
            String reason) {
    }

    public TopologyDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
        movedPeers = List.copyOf(movedPeers);
        unresolvablePeers = List.copyOf(unresolvablePeers);
    }

    /** Linear in offices and ranges, plus one trie lookup per peer. */
    public static TopologyDiff between(Topology current, Topology proposed, Collection<PeerPlacement> peers) {
        List<OfficeDefinition> added = new ArrayList<>();
        List<OfficeChange> changed = new ArrayList<>();
        for (OfficeDefinition office : proposed.offices()) {
            OfficeDefinition before = current.office(office.id()).orElse(null);
            if (before == null) {
                added.add(office);
            } else {
                List<FieldChange> fields = fieldChanges(before, office);
                if (!fields.isEmpty()) {
                    changed.add(new OfficeChange(office.id(), fields));
                }
            }
        }
        List<OfficeDefinition> removed = current.offices().stream().filter(o -> !proposed.contains(o.id())).toList();
        List<PeerMove> moves = new ArrayList<>();
        List<PeerPlacement> unresolvable = new ArrayList<>();
        // the resolver takes seconds to build for 100 000 ranges: only when there are peers to place
        OfficeResolver resolver = peers.isEmpty() ? null : proposed.resolver();
        for (PeerPlacement peer : peers) {
            OfficeResolver.Match match;
            try {
                match = resolver.resolve(peer.ip());
            } catch (IllegalArgumentException e) {
                unresolvable.add(peer);
                continue;
            }
            if (!match.officeId().equals(peer.officeId())) {
                String reason = match.matched()
                        ? "matched range " + match.range().label() + " of office " + match.officeId()
                        : "no range holds " + peer.ip() + ": central office";
                moves.add(new PeerMove(peer.deviceId(), peer.hostname(), peer.ip(), peer.officeId(), match.officeId(), reason));
            }
        }
        return new TopologyDiff(added, removed, changed, moves, unresolvable);
    }

    /** True when the two topologies hold the same offices (peers may still move: their offices may be stale). */
    public boolean officesUnchanged() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    /** True when applying the proposed topology would change nothing. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && movedPeers.isEmpty();
    }

    private static List<FieldChange> fieldChanges(OfficeDefinition before, OfficeDefinition after) {
        List<FieldChange> fields = new ArrayList<>();
        compare(fields, SheetColumn.NAME, before, after, OfficeDefinition::name);
        compare(fields, SheetColumn.TYPE, before, after, office -> OfficeRowFormat.typeName(office.type()));
        compare(fields, SheetColumn.PARENT_ID, before, after, office -> Objects.toString(office.parentId(), ""));
        if (!new HashSet<>(before.ranges()).equals(new HashSet<>(after.ranges()))) {
            fields.add(new FieldChange(SheetColumn.SUBNETS.header(), list(before.ranges()), list(after.ranges())));
        }
        if (!new HashSet<>(before.preferredRvps()).equals(new HashSet<>(after.preferredRvps()))) {
            fields.add(new FieldChange(SheetColumn.PREFERRED_RVPS.header(), list(before.preferredRvps()),
                    list(after.preferredRvps())));
        }
        compare(fields, SheetColumn.METERED, before, after, office -> Boolean.toString(office.metered()));
        compare(fields, SheetColumn.ALLOW_DIRECT_CDN, before, after, office -> Boolean.toString(office.allowDirectCdn()));
        return fields;
    }

    private static void compare(List<FieldChange> fields, SheetColumn column, OfficeDefinition before,
            OfficeDefinition after, Function<OfficeDefinition, String> value) {
        String old = value.apply(before);
        String now = value.apply(after);
        if (!old.equals(now)) {
            fields.add(new FieldChange(column.header(), old, now));
        }
    }

    private static String list(List<?> items) {
        return String.join(OfficeRowFormat.LIST_SEPARATOR, items.stream().map(Object::toString).toList());
    }
}
