package dev.cascade.topology.model;

import java.util.Locale;
import java.util.Optional;

/** The two file formats of the topology spreadsheet; both have the same columns. */
public enum SheetFormat {
    /** RFC 4180, UTF-8, comma-separated (';' and tab are recognised on import). */
    CSV("text/csv", "csv"),
    /** Office Open XML workbook; the first sheet holds the topology. */
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

    private final String mediaType;
    private final String extension;

    SheetFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The format of a file name by its extension, e.g. "topology.xlsx". */
    public static Optional<SheetFormat> ofFileName(String fileName) {
        String lower = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
        for (SheetFormat format : values()) {
            if (lower.endsWith("." + format.extension)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /**
     * The format of a file by its first bytes: a zip archive (and an old binary Excel file, which
     * the XLSX reader then refuses clearly) is XLSX, anything else is read as CSV.
     */
    public static SheetFormat detect(byte[] content) {
        return XlsxSheet.isZip(content) || XlsxSheet.isOldExcel(content) ? XLSX : CSV;
    }
}
