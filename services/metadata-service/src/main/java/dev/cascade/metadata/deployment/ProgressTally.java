package dev.cascade.metadata.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Adds up targeted peers by office and by the state of their holding of the deployment's content:
 * pending (no holding, or PENDING), downloading, paused and failed (each with its reasons), cached,
 * installed. Plain Java: the rows come from one grouped query.
 */
public final class ProgressTally {

    /**
     * Peers of one office in one state with one detail; {@code state} null = no holding.
     *
     * @param piecesHeld the verified pieces of the content these peers hold together
     */
    public record Row(String officeId, String officeName, String state, String detail, long peers, long piecesHeld) {

        public Row(String officeId, String officeName, String state, String detail, long peers) {
            this(officeId, officeName, state, detail, peers, 0);
        }
    }

    /**
     * Counts of one office or of the whole deployment.
     *
     * @param piecesHeld verified pieces the targeted peers hold together, as their last inventory reports said: with
     *                   {@link Progress#pieceCount()} the share of the bytes that arrived, {@code piecesHeld /
     *                   (targeted × pieceCount)}, which moves while the device counts stay at "downloading"
     */
    public record Counts(long targeted, long pending, long downloading, long paused,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> pausedReasons, long cached, long installed,
            long failed, @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> failedReasons, long piecesHeld) {
    }

    /** @param officeId null for peers without an office */
    public record OfficeProgress(String officeId, String officeName, Counts counts) {
    }

    /** @param pieceCount the content's pieces (0 while the catalog does not know the content) */
    public record Progress(String deploymentId, String contentId, String state, int pieceCount, Counts totals,
                           List<OfficeProgress> offices) {
    }

    private static final String NO_REASON = "(no reason given)";
    private static final String NO_OFFICE = "\u0000"; // sorts first, never an office id

    private final Map<String, Builder> offices = new TreeMap<>();
    private final Map<String, String> names = new TreeMap<>();
    private final Builder totals = new Builder();

    public void add(Row row) {
        String key = row.officeId() == null ? NO_OFFICE : row.officeId();
        if (row.officeName() != null) {
            names.put(key, row.officeName());
        }
        offices.computeIfAbsent(key, k -> new Builder()).add(row);
        totals.add(row);
    }

    public Progress result(String deploymentId, String contentId, String state, int pieceCount) {
        List<OfficeProgress> rows = new ArrayList<>();
        offices.forEach((key, counts) -> rows.add(new OfficeProgress(NO_OFFICE.equals(key) ? null : key, names.get(key),
                counts.build())));
        return new Progress(deploymentId, contentId, state, pieceCount, totals.build(), rows);
    }

    private static final class Builder {
        long targeted;
        long pending;
        long downloading;
        long paused;
        long cached;
        long installed;
        long failed;
        long piecesHeld;
        final Map<String, Long> pausedReasons = new TreeMap<>();
        final Map<String, Long> failedReasons = new TreeMap<>();

        void add(Row row) {
            targeted += row.peers();
            piecesHeld += row.piecesHeld();
            String state = row.state() == null ? "PENDING" : row.state();
            switch (state) {
                case "DOWNLOADING" -> downloading += row.peers();
                case "PAUSED" -> {
                    paused += row.peers();
                    pausedReasons.merge(reason(row), row.peers(), Long::sum);
                }
                case "CACHED" -> cached += row.peers();
                case "INSTALLED" -> installed += row.peers();
                case "FAILED" -> {
                    failed += row.peers();
                    failedReasons.merge(reason(row), row.peers(), Long::sum);
                }
                default -> pending += row.peers(); // PENDING, REMOVED (not stored), none
            }
        }

        private static String reason(Row row) {
            return row.detail() == null || row.detail().isBlank() ? NO_REASON : row.detail();
        }

        Counts build() {
            return new Counts(targeted, pending, downloading, paused, Map.copyOf(pausedReasons), cached, installed, failed,
                    Map.copyOf(failedReasons), piecesHeld);
        }
    }
}
