package dev.cascade.topology.model;

/**
 * How much a topology import reads before refusing the file, so that a mistaken or hostile upload
 * cannot exhaust memory.
 *
 * @param maxBytes             largest file accepted, CSV or XLSX
 * @param maxRows              most rows accepted, the header included
 * @param maxUnpackedXlsxBytes most bytes the parts of an XLSX file (a zip archive) may unpack to,
 *                             against zip bombs
 */
public record SheetLimits(long maxBytes, int maxRows, long maxUnpackedXlsxBytes) {

    /** 32 MiB, 100 000 rows, 512 MiB unpacked: a 10 000-office sheet is a few MiB. */
    public static final SheetLimits DEFAULT = new SheetLimits(32L << 20, 100_000, 512L << 20);

    public SheetLimits {
        if (maxBytes <= 0 || maxRows <= 1 || maxUnpackedXlsxBytes <= 0) {
            throw new IllegalArgumentException("sheet limits must be positive and allow a header and a row: "
                    + maxBytes + " bytes, " + maxRows + " rows, " + maxUnpackedXlsxBytes + " unpacked bytes");
        }
    }
}
