package dev.cascade.topology.model;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import dev.cascade.topology.model.TopologyProblem.Code;
import inet.ipaddr.IPAddress;

/**
 * Says whether a set of offices makes a topology, and if not, lists every problem at once, each
 * naming the offices involved and, for offices read from a sheet, the row and column. The rules
 * are documented in docs/topology-format.md. O(n log n) in the number of ranges.
 */
public final class TopologyValidator {

    /**
     * Office ids: 1 to 64 ASCII letters, digits, '.', '_' or '-', starting with a letter or digit, so
     * that an id is safe in a URL path, a file name and a Kafka key.
     */
    public static final Pattern ID_SYNTAX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** Office names are stored in a column of this width. */
    public static final int MAX_NAME_LENGTH = 200;

    /** Device ids are UUIDs in their text form (8-4-4-4-12 hex digits). */
    public static final Pattern DEVICE_ID = Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

    private final String serverIp;

    /** Validates without knowing the server's address. */
    public TopologyValidator() {
        this(null);
    }

    /**
     * @param serverIp the server's IP address; when given, it must lie in a range of the central
     *                 office, or — when the central office has no ranges — in no office's range
     */
    public TopologyValidator(String serverIp) {
        this.serverIp = serverIp == null || serverIp.isBlank() ? null : serverIp.strip();
    }

    /** Every problem of {@code offices}; empty when they make a valid topology. */
    public List<TopologyProblem> validate(Collection<OfficeDefinition> offices) {
        return validateLocated(offices.stream().map(office -> new LocatedOffice(office, null)).toList());
    }

    /** Every problem of {@code offices}, located at their rows; ordered by row. */
    public List<TopologyProblem> validateLocated(List<LocatedOffice> offices) {
        ProblemLog log = new ProblemLog(offices);
        for (int i = 0; i < offices.size(); i++) {
            checkFields(i, offices.get(i).office(), log);
        }
        checkUnique(offices, log);
        checkRvps(offices, log);
        HierarchyCheck.check(offices, log);
        OverlapSweep.check(offices, log);
        if (serverIp != null) {
            checkServer(offices, log);
        }
        return log.sorted();
    }

    private static void checkFields(int index, OfficeDefinition office, ProblemLog log) {
        String id = office.id();
        if (id == null || id.isBlank()) {
            log.add(index, SheetColumn.OFFICE_ID, Code.INVALID_ID, "office id is empty");
        } else if (!ID_SYNTAX.matcher(id).matches()) {
            log.add(index, SheetColumn.OFFICE_ID, Code.INVALID_ID, "office id \"" + id + "\" is not valid: expected"
                    + " 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit", id);
        }
        String name = office.name() == null ? "" : office.name().strip();
        if (name.isEmpty()) {
            log.add(index, SheetColumn.NAME, Code.INVALID_NAME, ProblemLog.office(id) + " has an empty name", id);
        } else if (name.length() > MAX_NAME_LENGTH) {
            log.add(index, SheetColumn.NAME, Code.INVALID_NAME, "the name of " + ProblemLog.office(id) + " has "
                    + name.length() + " characters: at most " + MAX_NAME_LENGTH + " are allowed", id);
        }
        if (office.type() == null) {
            log.add(index, SheetColumn.TYPE, Code.MISSING_TYPE, ProblemLog.office(id)
                    + " has no type: expected Standard, VPN or Wi-Fi", id);
        }
    }

    /**
     * Ids and names are compared ignoring case: SQL Server compares them so by default, and two
     * offices called "Berlin" and "berlin" would confuse an admin anyway.
     */
    private static void checkUnique(List<LocatedOffice> offices, ProblemLog log) {
        Map<String, Integer> ids = new HashMap<>();
        Map<String, Integer> names = new HashMap<>();
        for (int i = 0; i < offices.size(); i++) {
            OfficeDefinition office = offices.get(i).office();
            if (office.id() != null && !office.id().isBlank()) {
                Integer earlier = ids.putIfAbsent(office.id().toLowerCase(Locale.ROOT), i);
                if (earlier != null) {
                    String earlierId = offices.get(earlier).office().id();
                    log.add(i, SheetColumn.OFFICE_ID, Code.DUPLICATE_ID, "office id \"" + office.id() + "\" is already"
                            + " used by " + (earlierId.equals(office.id()) ? "another office" : ProblemLog.office(earlierId))
                            + log.rowOf(earlier) + " (ids are compared ignoring case)", office.id());
                }
            }
            String name = office.name() == null ? "" : office.name().strip();
            if (!name.isEmpty()) {
                Integer earlier = names.putIfAbsent(name.toLowerCase(Locale.ROOT), i);
                if (earlier != null) {
                    String earlierId = offices.get(earlier).office().id();
                    log.add(i, SheetColumn.NAME, Code.DUPLICATE_NAME, "name \"" + name + "\" of "
                            + ProblemLog.office(office.id()) + " is already the name of " + ProblemLog.office(earlierId)
                            + log.rowOf(earlier) + " (names are compared ignoring case)", office.id(), earlierId);
                }
            }
        }
    }

    /** An RVP is a device, and a device sits in one office: listing it twice is a mistake. */
    private static void checkRvps(List<LocatedOffice> offices, ProblemLog log) {
        Map<String, Integer> officeOfDevice = new HashMap<>();
        for (int i = 0; i < offices.size(); i++) {
            OfficeDefinition office = offices.get(i).office();
            Set<String> own = new HashSet<>();
            for (String rvp : office.preferredRvps()) {
                if (rvp == null || !DEVICE_ID.matcher(rvp).matches()) {
                    log.add(i, SheetColumn.PREFERRED_RVPS, Code.INVALID_RVP, "preferred RVP \"" + rvp + "\" of "
                            + ProblemLog.office(office.id()) + " is not a device id: expected a UUID such as"
                            + " 3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b", office.id());
                    continue;
                }
                String device = rvp.toLowerCase(Locale.ROOT);
                if (!own.add(device)) {
                    log.add(i, SheetColumn.PREFERRED_RVPS, Code.INVALID_RVP, "preferred RVP " + rvp
                            + " is listed twice for " + ProblemLog.office(office.id()), office.id());
                    continue;
                }
                Integer other = officeOfDevice.putIfAbsent(device, i);
                if (other != null) {
                    String otherId = offices.get(other).office().id();
                    log.add(i, SheetColumn.PREFERRED_RVPS, Code.INVALID_RVP, "device " + rvp + " is a preferred RVP of "
                            + ProblemLog.office(office.id()) + " and of " + ProblemLog.office(otherId) + log.rowOf(other)
                            + ", but a device is in one office only", office.id(), otherId);
                }
            }
        }
    }

    /**
     * The server lives in a subnet of the central office (seed 001). A central office without
     * ranges holds every address that no office's range holds, so then the server just must not be
     * inside another office.
     */
    private void checkServer(List<LocatedOffice> offices, ProblemLog log) {
        IPAddress ip;
        try {
            ip = OfficeResolver.parse(serverIp);
        } catch (IllegalArgumentException e) {
            log.add(null, Code.SERVER_OUTSIDE_CENTRAL, "the server's IP \"" + serverIp
                    + "\" is not an IPv4 or IPv6 address", List.of());
            return;
        }
        List<Integer> centrals = IntStream.range(0, offices.size())
                .filter(i -> offices.get(i).office().isCentral()).boxed().toList();
        if (centrals.size() != 1) {
            return; // reported already; there is no one central office to hold the server
        }
        int central = centrals.get(0);
        OfficeDefinition centralOffice = offices.get(central).office();
        for (int i = 0; i < offices.size(); i++) {
            for (SubnetRange range : offices.get(i).office().ranges()) {
                if (range.contains(ip)) {
                    if (i != central) {
                        String id = offices.get(i).office().id();
                        log.add(i, SheetColumn.SUBNETS, Code.SERVER_OUTSIDE_CENTRAL, "the server's IP " + serverIp
                                + " is in " + range + " of " + ProblemLog.office(id) + ", but the server must be in a"
                                + " subnet of the central office \"" + centralOffice.id() + "\"",
                                id, centralOffice.id());
                    }
                    return;
                }
            }
        }
        if (!centralOffice.ranges().isEmpty()) {
            List<SubnetRange> ranges = centralOffice.ranges();
            String listed = ranges.stream().limit(5).map(SubnetRange::text).collect(Collectors.joining("; "))
                    + (ranges.size() > 5 ? "; and " + (ranges.size() - 5) + " more" : "");
            log.add(central, SheetColumn.SUBNETS, Code.SERVER_OUTSIDE_CENTRAL, "the server's IP " + serverIp
                    + " is in none of the ranges of the central office \"" + centralOffice.id() + "\" (" + listed
                    + "): the server must be in a subnet of the central office", centralOffice.id());
        }
    }
}
