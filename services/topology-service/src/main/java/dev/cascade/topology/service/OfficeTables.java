package dev.cascade.topology.service;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.cascade.topology.model.InvalidTopologyException;
import dev.cascade.topology.model.OfficeDefinition;
import dev.cascade.topology.model.OfficeKind;
import dev.cascade.topology.model.SheetColumn;
import dev.cascade.topology.model.SubnetRange;
import dev.cascade.topology.model.Topology;
import dev.cascade.topology.model.TopologyDiff;
import dev.cascade.topology.model.TopologyDiff.OfficeChange;
import dev.cascade.topology.service.OfficeView.RangeView;

/**
 * The tables {@code office}, {@code office_range} and {@code office_rvp} read as a {@link Topology}
 * and changed to another one, in plain JDBC with statement batching: the range and RVP ids are
 * IDENTITY columns, which Hibernate cannot batch, and an import writes 100 000 ranges. Works on
 * the caller's connection and transaction; the SQL is what H2 and SQL Server both accept.
 */
final class OfficeTables {

    /** Statements sent per JDBC batch: bounds the driver's memory without costing round trips. */
    private static final int BATCH = 2_000;

    private final Connection connection;
    private final String office;
    private final String range;
    private final String rvp;

    /** @param schema the schema holding the tables (SQL Server in production), or null for the connection's default */
    OfficeTables(Connection connection, String schema) {
        this.connection = connection;
        String prefix = schema == null || schema.isBlank() ? "" : schema + ".";
        this.office = prefix + "office";
        this.range = prefix + "office_range";
        this.rvp = prefix + "office_rvp";
    }

    /**
     * The stored topology. Offices come in hierarchy order (the central office, then each office
     * followed by its sub-offices, siblings by id), which is the order an export writes, since the
     * tables keep no row order; ranges in the order they were stored, RVPs by position.
     *
     * @throws IllegalStateException listing the problems when the stored offices are not a valid topology
     */
    Topology read() throws SQLException {
        Map<String, List<SubnetRange>> ranges = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT office_id, first_address, last_address, cidr FROM " + range + " ORDER BY id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                ranges.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                        .add(new RangeView(rows.getString(2), rows.getString(3), rows.getString(4)).toSubnetRange());
            }
        }
        Map<String, List<String>> rvps = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT office_id, device_id FROM " + rvp + " ORDER BY office_id, position, id");
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                rvps.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(rows.getString(2));
            }
        }
        Map<String, OfficeDefinition> offices = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT office_id, name, office_type, parent_office_id,"
                + " metered, allow_direct_cdn FROM " + office);
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                String id = rows.getString(1);
                offices.put(id, new OfficeDefinition(id, rows.getString(2), OfficeKind.valueOf(rows.getString(3)),
                        rows.getString(4), ranges.getOrDefault(id, List.of()), rvps.getOrDefault(id, List.of()),
                        rows.getBoolean(5), rows.getBoolean(6)));
            }
        }
        try {
            return Topology.of(hierarchyOrder(offices));
        } catch (InvalidTopologyException e) {
            throw new IllegalStateException("the stored topology is not valid (was the database edited by hand?): "
                    + e.getMessage(), e);
        }
    }

    /** Depth first from the offices without parent, siblings by id; offices no parent chain reaches come last. */
    private static List<OfficeDefinition> hierarchyOrder(Map<String, OfficeDefinition> byId) {
        Map<String, List<OfficeDefinition>> children = new HashMap<>();
        List<OfficeDefinition> roots = new ArrayList<>();
        for (OfficeDefinition office : byId.values()) {
            if (office.isCentral()) {
                roots.add(office);
            } else {
                children.computeIfAbsent(office.parentId(), k -> new ArrayList<>()).add(office);
            }
        }
        List<OfficeDefinition> ordered = new ArrayList<>(byId.size());
        Set<String> placed = new HashSet<>();
        Deque<OfficeDefinition> stack = new ArrayDeque<>();
        for (OfficeDefinition root : roots) {
            stack.push(root);
            while (!stack.isEmpty()) {
                OfficeDefinition next = stack.pop();
                if (!placed.add(next.id())) {
                    continue;
                }
                ordered.add(next);
                List<OfficeDefinition> kids = children.getOrDefault(next.id(), List.of());
                for (int i = kids.size() - 1; i >= 0; i--) {
                    stack.push(kids.get(i)); // byId is sorted, so kids are too; pushed backwards, popped in order
                }
            }
        }
        byId.values().stream().filter(o -> !placed.contains(o.id())).forEach(ordered::add);
        return ordered;
    }

    /**
     * Turns the stored {@code before} into {@code after}, writing only the offices {@code diff} names.
     * The order keeps every constraint satisfied after each statement: parents are cleared and names
     * parked before offices are deleted or renamed, new offices are inserted parents first.
     */
    void write(Topology before, Topology after, TopologyDiff diff) throws SQLException {
        Map<String, OfficeChange> changed = new LinkedHashMap<>();
        diff.changed().forEach(change -> changed.put(change.officeId(), change));
        List<String> removed = diff.removed().stream().map(OfficeDefinition::id).toList();
        List<String> newRanges = new ArrayList<>();
        List<String> newRvps = new ArrayList<>();
        List<String> detached = new ArrayList<>(removed);
        for (OfficeChange change : changed.values()) {
            if (touches(change, SheetColumn.SUBNETS)) {
                newRanges.add(change.officeId());
            }
            if (touches(change, SheetColumn.PREFERRED_RVPS)) {
                newRvps.add(change.officeId());
            }
            if (touches(change, SheetColumn.NAME) || touches(change, SheetColumn.PARENT_ID)) {
                detached.add(change.officeId());
            }
        }
        deleteWhereOffice(range, concat(removed, newRanges));
        deleteWhereOffice(rvp, concat(removed, newRvps));
        // No parent: the offices can be deleted in any order and re-parented onto offices inserted below.
        // A name no real office has (names are stripped, so never start with a space): names can be swapped.
        batch("UPDATE " + office + " SET parent_office_id = NULL, name = ? WHERE office_id = ?", detached,
                (statement, id) -> {
                    statement.setString(1, " " + id);
                    statement.setString(2, id);
                });
        batch("DELETE FROM " + office + " WHERE office_id = ?", removed, (statement, id) -> statement.setString(1, id));
        Set<String> added = new HashSet<>();
        diff.added().forEach(o -> added.add(o.id()));
        batch("INSERT INTO " + office + " (name, office_type, parent_office_id, central, metered, allow_direct_cdn, office_id)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)", parentsFirst(after, added), OfficeTables::setOffice);
        batch("UPDATE " + office + " SET name = ?, office_type = ?, parent_office_id = ?, central = ?, metered = ?,"
                + " allow_direct_cdn = ? WHERE office_id = ?",
                changed.keySet().stream().map(id -> after.office(id).orElseThrow()).toList(), OfficeTables::setOffice);
        List<OfficeDefinition> withNewRanges = new ArrayList<>(diff.added());
        newRanges.forEach(id -> withNewRanges.add(after.office(id).orElseThrow()));
        insertRanges(withNewRanges);
        List<OfficeDefinition> withNewRvps = new ArrayList<>(diff.added());
        newRvps.forEach(id -> withNewRvps.add(after.office(id).orElseThrow()));
        insertRvps(withNewRvps);
    }

    private static boolean touches(OfficeChange change, SheetColumn column) {
        return change.fields().stream().anyMatch(field -> field.field().equals(column.header()));
    }

    /** The offices of {@code ids} in breadth-first order of {@code topology}: every parent before its sub-offices. */
    private static List<OfficeDefinition> parentsFirst(Topology topology, Set<String> ids) {
        List<OfficeDefinition> ordered = new ArrayList<>(ids.size());
        Deque<OfficeDefinition> queue = new ArrayDeque<>(List.of(topology.central()));
        while (!queue.isEmpty()) {
            OfficeDefinition next = queue.poll();
            if (ids.contains(next.id())) {
                ordered.add(next);
            }
            queue.addAll(topology.children(next.id()));
        }
        return ordered;
    }

    private static void setOffice(PreparedStatement statement, OfficeDefinition office) throws SQLException {
        statement.setString(1, office.name());
        statement.setString(2, office.type().name());
        statement.setString(3, office.parentId());
        statement.setBoolean(4, office.isCentral());
        statement.setBoolean(5, office.metered());
        statement.setBoolean(6, office.allowDirectCdn());
        statement.setString(7, office.id());
    }

    private record RangeRow(String officeId, RangeView range) {
    }

    private record RvpRow(String officeId, String deviceId, int position) {
    }

    private void insertRanges(List<OfficeDefinition> offices) throws SQLException {
        List<RangeRow> rows = new ArrayList<>();
        for (OfficeDefinition o : offices) {
            o.ranges().forEach(r -> rows.add(new RangeRow(o.id(), RangeView.of(r))));
        }
        batch("INSERT INTO " + range + " (office_id, first_address, last_address, cidr) VALUES (?, ?, ?, ?)", rows,
                (statement, row) -> {
                    statement.setString(1, row.officeId());
                    statement.setString(2, row.range().firstAddress());
                    statement.setString(3, row.range().lastAddress());
                    statement.setString(4, row.range().cidr());
                });
    }

    private void insertRvps(List<OfficeDefinition> offices) throws SQLException {
        List<RvpRow> rows = new ArrayList<>();
        for (OfficeDefinition o : offices) {
            for (int position = 0; position < o.preferredRvps().size(); position++) {
                rows.add(new RvpRow(o.id(), o.preferredRvps().get(position), position));
            }
        }
        batch("INSERT INTO " + rvp + " (office_id, device_id, position) VALUES (?, ?, ?)", rows, (statement, row) -> {
            statement.setString(1, row.officeId());
            statement.setString(2, row.deviceId());
            statement.setInt(3, row.position());
        });
    }

    private void deleteWhereOffice(String table, List<String> officeIds) throws SQLException {
        batch("DELETE FROM " + table + " WHERE office_id = ?", officeIds, (statement, id) -> statement.setString(1, id));
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Binds one item's parameters. */
    @FunctionalInterface
    private interface Binder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    private <T> void batch(String sql, List<T> items, Binder<T> binder) throws SQLException {
        if (items.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int pending = 0;
            for (T item : items) {
                binder.bind(statement, item);
                statement.addBatch();
                if (++pending == BATCH) {
                    statement.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                statement.executeBatch();
            }
        }
    }
}
