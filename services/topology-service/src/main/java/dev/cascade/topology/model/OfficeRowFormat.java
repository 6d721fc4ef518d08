package dev.cascade.topology.model;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.cascade.topology.model.TopologyProblem.Code;

/**
 * The text of one spreadsheet row, both ways: reading cells into an {@link OfficeDefinition} (with a
 * problem for each cell it cannot read) and writing an office as cells. Lists are separated by ';',
 * ',' or whitespace (including line breaks within a cell); a range may have spaces around its '-'.
 */
public final class OfficeRowFormat {

    /** What an export puts between the items of a list cell. */
    public static final String LIST_SEPARATOR = "; ";

    private static final Pattern LIST_SPLIT = Pattern.compile("[;,\\s]+");
    private static final Pattern SPACED_DASH = Pattern.compile("\\s*[-\u2013]\\s*");

    private OfficeRowFormat() {
    }

    /**
     * Reads one row. Cells that cannot be read add a problem and leave their field empty (type null,
     * a flag false, an unreadable range left out), so that the rest of the row is still checked.
     *
     * @param cells the row's cell text by column; a missing column reads as an empty cell
     * @param row   the row number for problems, or null
     */
    public static OfficeDefinition parse(Map<SheetColumn, String> cells, Integer row, List<TopologyProblem> problems) {
        String id = cell(cells, SheetColumn.OFFICE_ID);
        String name = cell(cells, SheetColumn.NAME);
        String who = ProblemLog.office(id);
        OfficeKind type = null;
        String typeText = cell(cells, SheetColumn.TYPE);
        if (!typeText.isEmpty()) {
            type = parseType(typeText);
            if (type == null) {
                problems.add(problem(row, SheetColumn.TYPE, id, Code.INVALID_VALUE, "type \"" + typeText + "\" of " + who
                        + " is not an office type: expected Standard, VPN or Wi-Fi"));
            }
        }
        List<SubnetRange> ranges = new ArrayList<>();
        for (String text : rangeItems(cell(cells, SheetColumn.SUBNETS))) {
            try {
                ranges.add(SubnetRange.parse(text));
            } catch (MalformedRangeException e) {
                problems.add(problem(row, SheetColumn.SUBNETS, id, Code.MALFORMED_RANGE,
                        "subnet \"" + e.text() + "\" of " + who + " " + e.reason()));
            }
        }
        List<String> rvps = items(cell(cells, SheetColumn.PREFERRED_RVPS)).stream()
                .map(rvp -> TopologyValidator.DEVICE_ID.matcher(rvp).matches() ? rvp.toLowerCase(Locale.ROOT) : rvp)
                .toList();
        boolean metered = flag(cells, SheetColumn.METERED, row, id, problems);
        boolean allowDirectCdn = flag(cells, SheetColumn.ALLOW_DIRECT_CDN, row, id, problems);
        return new OfficeDefinition(id, name, type, cell(cells, SheetColumn.PARENT_ID), ranges, rvps, metered, allowDirectCdn);
    }

    /**
     * The cells of {@code office}, by column: text for every column, except the two flags, which are
     * {@link Boolean} so that XLSX holds them as boolean cells.
     */
    public static Map<SheetColumn, Object> cells(OfficeDefinition office) {
        Map<SheetColumn, Object> cells = new EnumMap<>(SheetColumn.class);
        cells.put(SheetColumn.OFFICE_ID, office.id());
        cells.put(SheetColumn.NAME, office.name());
        cells.put(SheetColumn.TYPE, typeName(office.type()));
        cells.put(SheetColumn.PARENT_ID, office.parentId() == null ? "" : office.parentId());
        cells.put(SheetColumn.SUBNETS, String.join(LIST_SEPARATOR, office.ranges().stream().map(SubnetRange::text).toList()));
        cells.put(SheetColumn.PREFERRED_RVPS, String.join(LIST_SEPARATOR, office.preferredRvps()));
        cells.put(SheetColumn.METERED, office.metered());
        cells.put(SheetColumn.ALLOW_DIRECT_CDN, office.allowDirectCdn());
        return cells;
    }

    /** "Standard", "VPN" or "Wi-Fi": how sheets and messages spell a type. */
    public static String typeName(OfficeKind type) {
        if (type == null) {
            return "";
        }
        return switch (type) {
            case STANDARD -> "Standard";
            case VPN -> "VPN";
            case WIFI -> "Wi-Fi";
        };
    }

    /** The type {@code text} names, ignoring case, spaces, '-' and '_' ("Wi-Fi", "WiFi", "WIFI"); null if none. */
    public static OfficeKind parseType(String text) {
        String key = text.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
        return switch (key) {
            case "standard" -> OfficeKind.STANDARD;
            case "vpn" -> OfficeKind.VPN;
            case "wifi" -> OfficeKind.WIFI;
            default -> null;
        };
    }

    /** true/false, yes/no, y/n, 1/0 ignoring case; an empty cell is false; null when unreadable. */
    public static Boolean parseFlag(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "", "false", "no", "n", "0" -> Boolean.FALSE;
            case "true", "yes", "y", "1" -> Boolean.TRUE;
            default -> null;
        };
    }

    private static boolean flag(Map<SheetColumn, String> cells, SheetColumn column, Integer row, String id,
            List<TopologyProblem> problems) {
        String text = cell(cells, column);
        Boolean value = parseFlag(text);
        if (value == null) {
            problems.add(problem(row, column, id, Code.INVALID_VALUE, column.header() + " \"" + text + "\" of "
                    + ProblemLog.office(id) + " is not a yes/no value: expected true or false (yes/no, 1/0 also work)"));
            return false;
        }
        return value;
    }

    private static List<String> rangeItems(String text) {
        return items(SPACED_DASH.matcher(text).replaceAll("-"));
    }

    private static List<String> items(String text) {
        return LIST_SPLIT.splitAsStream(text).filter(item -> !item.isEmpty()).toList();
    }

    private static String cell(Map<SheetColumn, String> cells, SheetColumn column) {
        String text = cells.get(column);
        return text == null ? "" : text.strip();
    }

    private static TopologyProblem problem(Integer row, SheetColumn column, String id, Code code, String message) {
        return new TopologyProblem(row, column.header(), id.isEmpty() ? List.of() : List.of(id), message, code);
    }
}
