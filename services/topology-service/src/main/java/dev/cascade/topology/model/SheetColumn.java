package dev.cascade.topology.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The columns of the topology spreadsheet (CSV and XLSX alike), in the order an export writes them.
 * Problems name a column by its header, also when the offices did not come from a sheet.
 */
public enum SheetColumn {
    OFFICE_ID("office_id", true),
    NAME("name", true),
    TYPE("type", true),
    PARENT_ID("parent_id", true),
    SUBNETS("subnets", true),
    PREFERRED_RVPS("preferred_rvps", false),
    METERED("metered", false),
    ALLOW_DIRECT_CDN("allow_direct_cdn", false);

    private final String header;
    private final boolean required;

    SheetColumn(String header, boolean required) {
        this.header = header;
        this.required = required;
    }

    /** The header an export writes, e.g. "office_id". */
    public String header() {
        return header;
    }

    /** A sheet without this column is refused; an optional column left out means empty cells. */
    public boolean required() {
        return required;
    }

    /**
     * The column a header names. Case, surrounding spaces, and spaces or hyphens instead of
     * underscores do not matter: "Office ID", "office-id" and "OFFICE_ID" all name {@link #OFFICE_ID}.
     */
    public static Optional<SheetColumn> byHeader(String text) {
        String key = normalise(text);
        return Arrays.stream(values()).filter(column -> column.header.equals(key)).findFirst();
    }

    static String normalise(String header) {
        return header == null ? "" : header.strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
    }

    /** "office_id, name, ..." for messages. */
    static String allHeaders() {
        return Arrays.stream(values()).map(SheetColumn::header).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return header;
    }
}
