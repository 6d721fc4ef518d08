package dev.cascade.agent.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.agent.StorageFacts;
import dev.cascade.agent.content.ContentCache;
import dev.cascade.agent.content.ContentManifest;
import dev.cascade.agent.content.PieceStore;
import dev.cascade.contracts.v1.ContentHolding;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.TransferReport;

/** The inventory reports a running fetch sends: its pieces now and then, and a busy WAN at once. */
class ProgressReportsTest {

    @TempDir
    Path dir;

    private final List<InventoryReport> sent = new CopyOnWriteArrayList<>();
    private final ServerReports server = new ServerReports() {
        @Override
        public boolean inventory(InventoryReport report, Consumer<String> problem) {
            sent.add(report);
            return true;
        }

        @Override
        public boolean transfer(TransferReport report, Consumer<String> problem) {
            return true;
        }

        @Override
        public boolean planRequest(PlanRequest request, Consumer<String> problem) {
            return true;
        }
    };

    @Test
    void piecesAreReportedAtMostOncePerIntervalAndTheLastOneIsLeftToTheJob() throws Exception {
        byte[] bytes = new byte[4_000];
        Arrays.fill(bytes, (byte) 7);
        ContentManifest manifest = ServedPiecesTest.manifest("app-7", bytes, 1_000);
        try (ContentCache cache = ContentCache.open(dir, new StorageFacts(dir, OptionalLong.empty()), System::currentTimeMillis)) {
            PieceStore store = cache.start(manifest);
            InventoryReporter inventory = new InventoryReporter(server, cache, null, System::currentTimeMillis,
                    new PrintWriter(new StringWriter()));
            InventoryReporter.Status downloading = new InventoryReporter.Status("d-1", ContentState.CONTENT_STATE_DOWNLOADING, "");
            ProgressReports progress = new ProgressReports("app-7", inventory, () -> downloading, Duration.ZERO, busy -> false);

            store.write(0, Arrays.copyOfRange(bytes, 0, 1_000));
            progress.pieceAccepted(0, UUID.randomUUID(), 1, 4);
            progress.awaitIdle();
            store.write(1, Arrays.copyOfRange(bytes, 1_000, 2_000));
            progress.pieceAccepted(1, UUID.randomUUID(), 2, 4);
            progress.awaitIdle();
            progress.pieceAccepted(3, UUID.randomUUID(), 4, 4); // the last: the job reports CACHED itself

            assertThat(sent).hasSize(2);
            assertThat(sent.get(1).getHoldings(0).getState()).isEqualTo(ContentState.CONTENT_STATE_DOWNLOADING);
            assertThat(sent.get(1).getHoldings(0).getPieces().byteAt(0)).isEqualTo((byte) 0b11);

            ProgressReports slow = new ProgressReports("app-7", inventory, () -> downloading, Duration.ofHours(1),
                    busy -> false);
            slow.pieceAccepted(2, UUID.randomUUID(), 3, 4);
            slow.awaitIdle();
            assertThat(sent).as("within the interval since the fetch began: nothing").hasSize(2);
        }
    }

    @Test
    void aBusyWanIsReportedAtOnceWithTheStateTheJobGivesIt() throws Exception {
        byte[] bytes = new byte[2_000];
        ContentManifest manifest = ServedPiecesTest.manifest("app-8", bytes, 1_000);
        try (ContentCache cache = ContentCache.open(dir, new StorageFacts(dir, OptionalLong.empty()), System::currentTimeMillis)) {
            cache.start(manifest);
            InventoryReporter inventory = new InventoryReporter(server, cache, null, System::currentTimeMillis,
                    new PrintWriter(new StringWriter()));
            AtomicReference<InventoryReporter.Status> status = new AtomicReference<>(
                    new InventoryReporter.Status("d-1", ContentState.CONTENT_STATE_DOWNLOADING, ""));
            ProgressReports progress = new ProgressReports("app-8", inventory, status::get, Duration.ofHours(1), busy -> {
                status.set(new InventoryReporter.Status("d-1", busy ? ContentState.CONTENT_STATE_PAUSED
                        : ContentState.CONTENT_STATE_DOWNLOADING, busy ? JobRunner.WAN_BUSY : ""));
                return true;
            });

            progress.wanBusy(UUID.randomUUID(), true);
            progress.awaitIdle();

            ContentHolding paused = sent.get(sent.size() - 1).getHoldings(0);
            assertThat(paused.getState()).isEqualTo(ContentState.CONTENT_STATE_PAUSED);
            assertThat(paused.getDetail()).isEqualTo("paused: WAN busy");
        }
    }
}
