package dev.cascade.topology.model;

/**
 * An office with the spreadsheet row it was read from, so that problems can name the row.
 *
 * @param row the row as a spreadsheet shows it (the header is row 1), null when not read from a sheet
 */
public record LocatedOffice(OfficeDefinition office, Integer row) {
}
