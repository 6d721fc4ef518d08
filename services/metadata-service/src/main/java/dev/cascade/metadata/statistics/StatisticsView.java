package dev.cascade.metadata.statistics;

import java.util.List;
import java.util.Map;

/**
 * Transfer statistics of one content: per office and in total.
 *
 * @param bytesBySource         bytes received per source class (SAME_OFFICE_PEER, PARENT_OFFICE_PEER, SEED, ORIGIN)
 * @param transfersBySource     transfers that drew bytes from each source class
 */
public record StatisticsView(String contentId, Row totals, List<OfficeRow> offices) {

    public record Row(Map<String, Long> bytesBySource, Map<String, Long> transfersBySource, long bytes, long transfers,
            long completed, long failed, long badPieces) {
    }

    /** @param officeId null for peers without an office */
    public record OfficeRow(String officeId, Row statistics) {
    }
}
