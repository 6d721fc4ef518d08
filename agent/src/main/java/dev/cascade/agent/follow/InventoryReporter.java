package dev.cascade.agent.follow;

import java.io.PrintWriter;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import com.google.protobuf.ByteString;

import dev.cascade.agent.content.ContentCache;
import dev.cascade.agent.content.PieceStore;
import dev.cascade.agent.content.SeedLibrary;
import dev.cascade.agent.discovery.PieceBitmap;
import dev.cascade.contracts.v1.ContentHolding;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.InventoryReport;

/**
 * Tells the server what this agent holds (INVENTORY_REPORT, protocol.md §15.2), so that the planner knows the
 * holders: everything at start ({@code complete}), then each content whose state or pieces changed. The pieces are
 * those verified in the cache (or, on a seed, offered by the library). {@code report_sequence} is the time in
 * milliseconds, kept above the last one sent, so a report never loses to an older one across restarts.
 */
public final class InventoryReporter {

    /** A content's state as its job sees it; contents without a job are CACHED when complete, else PAUSED. */
    public record Status(String deploymentId, ContentState state, String detail) {
    }

    private final ServerReports reports;
    private final ContentCache cache;
    private final SeedLibrary library;
    private final LongSupplier clock;
    private final PrintWriter err;
    private final AtomicLong lastSequence = new AtomicLong();

    /** {@code library}: the seed's, or null. */
    public InventoryReporter(ServerReports reports, ContentCache cache, SeedLibrary library, LongSupplier clock,
                             PrintWriter err) {
        this.reports = reports;
        this.cache = cache;
        this.library = library;
        this.clock = clock;
        this.err = err;
    }

    /** Reports every content held, with the statuses of those that jobs follow. */
    public boolean reportAll(Map<String, Status> statuses) {
        InventoryReport.Builder report = InventoryReport.newBuilder().setComplete(true);
        Set<String> listed = new HashSet<>();
        for (PieceStore store : cache.contents()) {
            listed.add(store.contentId());
            report.addHoldings(holding(store.contentId(), store.held(), statuses.get(store.contentId())));
        }
        if (library != null) {
            for (String contentId : library.contentIds()) {
                Optional<PieceBitmap> held = library.held(contentId);
                if (listed.add(contentId) && held.isPresent()) {
                    report.addHoldings(holding(contentId, held.get(), statuses.get(contentId)));
                }
            }
        }
        return send(report);
    }

    /** Reports one content whose state or pieces changed. */
    public boolean report(String contentId, Status status) {
        Optional<PieceBitmap> held = cache.find(contentId).map(PieceStore::held);
        if (held.isEmpty() && library != null) {
            held = library.held(contentId);
        }
        if (held.isEmpty()) {
            return true; // nothing of it here: the planner learns nothing from an empty holding
        }
        return send(InventoryReport.newBuilder().setComplete(false).addHoldings(holding(contentId, held.get(), status)));
    }

    private boolean send(InventoryReport.Builder report) {
        long now = clock.getAsLong();
        long sequence = lastSequence.updateAndGet(last -> Math.max(now, last + 1));
        boolean acked = reports.inventory(report.setReportSequence(sequence).build(),
                problem -> print("inventory report: " + problem));
        return acked;
    }

    private ContentHolding holding(String contentId, PieceBitmap held, Status status) {
        ContentState state = status != null ? status.state()
                : held.isComplete() ? ContentState.CONTENT_STATE_CACHED : ContentState.CONTENT_STATE_PAUSED;
        ContentHolding.Builder holding = ContentHolding.newBuilder().setContentId(contentId)
                .setState(state).setPieceCount(held.pieceCount()).setChangedAtUnixMs(clock.getAsLong());
        if (state != ContentState.CONTENT_STATE_REMOVED) {
            // the bitmap is exactly ceil(piece_count / 8) bytes on the wire, however many trailing pieces are missing
            holding.setPieces(ByteString.copyFrom(java.util.Arrays.copyOf(held.toWire(), (held.pieceCount() + 7) / 8)));
        }
        if (status != null) {
            holding.setDeploymentId(status.deploymentId()).setDetail(ReportText.forReport(status.detail()));
        }
        return holding.build();
    }

    private void print(String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
    }
}
