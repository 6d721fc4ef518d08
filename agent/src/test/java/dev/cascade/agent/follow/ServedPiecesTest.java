package dev.cascade.agent.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.agent.StorageFacts;
import dev.cascade.agent.content.ContentCache;
import dev.cascade.agent.content.ContentManifest;
import dev.cascade.agent.content.PieceStore;
import dev.cascade.agent.content.SeedLibrary;
import dev.cascade.contracts.v1.ContentHolding;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.OfficeType;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.TransferReport;
import dev.cascade.wire.DecodedPayload;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.PayloadDecoder;
import dev.cascade.wire.transfer.PieceHolding;
import dev.cascade.wire.transfer.ServeDecision;

/** What the agent serves (cache and library, verified), whom it serves, and what it reports holding. */
class ServedPiecesTest {

    @TempDir
    Path dir;

    private final byte[] bytes = random(2_500);
    private final ContentManifest manifest = manifest("app-7", bytes, 1_000);

    private ContentCache cache() {
        return ContentCache.open(dir.resolve("cache"), new StorageFacts(dir.resolve("cache"), OptionalLong.empty()),
                System::currentTimeMillis);
    }

    @Test
    void servesOnlyVerifiedPiecesOfTheCacheAndRefusesOneDamagedOnDisk() throws Exception {
        try (ContentCache cache = cache()) {
            PieceStore store = cache.start(manifest);
            store.write(0, Arrays.copyOfRange(bytes, 0, 1_000));
            store.write(2, Arrays.copyOfRange(bytes, 2_000, 2_500));
            ServedPieces served = new ServedPieces(cache, null);

            assertThat(served.has("app-7", 0)).isTrue();
            assertThat(served.has("app-7", 1)).isFalse();
            assertThat(served.has("app-7", 3)).isFalse();
            assertThat(served.has("other", 0)).isFalse();
            assertThat(served.read("app-7", 2)).isEqualTo(Arrays.copyOfRange(bytes, 2_000, 2_500));

            try (RandomAccessFile data = new RandomAccessFile(store.dataFile().toFile(), "rw")) {
                data.seek(10);
                data.write(bytes[10] ^ 1);
            }
            assertThatThrownBy(() -> served.read("app-7", 0)).isInstanceOf(IOException.class)
                    .hasMessageContaining("piece 0 of content 'app-7' on disk");
            assertThat(served.has("app-7", 0)).as("unmarked once found bad").isFalse();
        }
    }

    @Test
    void aSeedServesTheLibraryFilesOfTheContentsItWasToldAbout() throws Exception {
        Path library = Files.createDirectories(dir.resolve("library"));
        Files.write(library.resolve("app-7"), bytes);
        SeedLibrary seed = new SeedLibrary(library);
        try (ContentCache cache = cache()) {
            ServedPieces served = new ServedPieces(cache, seed);
            assertThat(served.has("app-7", 1)).isFalse();

            seed.add(manifest);

            assertThat(served.has("app-7", 1)).isTrue();
            assertThat(served.read("app-7", 1)).isEqualTo(Arrays.copyOfRange(bytes, 1_000, 2_000));
        }
    }

    @Test
    void theHoldingToldWithNotHeldIsTheCachesVerifiedPiecesFetchingUntilCompleteAndTheLibrarysWhole() throws Exception {
        Path library = Files.createDirectories(dir.resolve("library"));
        Files.write(library.resolve("app-lib"), bytes);
        SeedLibrary seed = new SeedLibrary(library);
        seed.add(manifest("app-lib", bytes, 1_000));
        try (ContentCache cache = cache()) {
            PieceStore store = cache.start(manifest);
            store.write(1, Arrays.copyOfRange(bytes, 1_000, 2_000));
            ServedPieces served = new ServedPieces(cache, seed);

            PieceHolding downloading = served.holding("app-7");
            assertThat(downloading.held().stream().boxed().toList()).containsExactly(1);
            assertThat(downloading.pieceCount()).isEqualTo(3);
            assertThat(downloading.fetching()).as("incomplete in the cache: it is fetching it").isTrue();

            store.write(0, Arrays.copyOfRange(bytes, 0, 1_000));
            store.write(2, Arrays.copyOfRange(bytes, 2_000, 2_500));
            assertThat(served.holding("app-7").fetching()).as("complete: nothing more is coming").isFalse();
            assertThat(served.holding("app-7").held().cardinality()).isEqualTo(3);

            PieceHolding libraryCopy = served.holding("app-lib");
            assertThat(libraryCopy.held().cardinality()).isEqualTo(3);
            assertThat(libraryCopy.fetching()).isFalse();
            assertThat(served.holding("unknown")).isEqualTo(PieceHolding.NONE);
        }
    }

    @Test
    void aVpnOfficeServesNobodyOthersServeEveryone() {
        InetSocketAddress from = new InetSocketAddress("127.0.0.1", 1);

        assertThat(new OfficeServePolicy(OfficeType.OFFICE_TYPE_VPN).decide(UUID.randomUUID(), from, "app-7"))
                .isEqualTo(new ServeDecision.Refused("peers in a VPN office do not share content"));
        assertThat(new OfficeServePolicy(OfficeType.OFFICE_TYPE_STANDARD).decide(UUID.randomUUID(), from, "app-7"))
                .isEqualTo(ServeDecision.ALLOWED);
        assertThat(new OfficeServePolicy(OfficeType.OFFICE_TYPE_WIFI).decide(UUID.randomUUID(), from, "app-7"))
                .isEqualTo(ServeDecision.ALLOWED);
    }

    @Test
    void theOfficeTypeFollowsThePlansTheServerSends() {
        InetSocketAddress from = new InetSocketAddress("127.0.0.1", 1);
        OfficeServePolicy policy = new OfficeServePolicy(OfficeType.OFFICE_TYPE_STANDARD);

        policy.learn(SourcePlan.newBuilder().setOfficeType(OfficeType.OFFICE_TYPE_VPN).build());
        assertThat(policy.decide(UUID.randomUUID(), from, "app-7")).isInstanceOf(ServeDecision.Refused.class);

        policy.learn(SourcePlan.getDefaultInstance()); // a BLOCKED plan without an office says nothing about it
        assertThat(policy.officeType()).isEqualTo(OfficeType.OFFICE_TYPE_VPN);

        policy.learn(SourcePlan.newBuilder().setOfficeType(OfficeType.OFFICE_TYPE_WIFI).build());
        assertThat(policy.decide(UUID.randomUUID(), from, "app-7")).isEqualTo(ServeDecision.ALLOWED);
    }

    @Test
    void theInventoryListsEveryContentWithAWholeBitmapAndAGrowingSequence() throws Exception {
        List<InventoryReport> sent = new ArrayList<>();
        ServerReports reports = new ServerReports() {
            @Override
            public boolean inventory(InventoryReport report, Consumer<String> problem) {
                assertThat(PayloadDecoder.decode(MessageType.INVENTORY_REPORT, report.toByteArray()))
                        .isInstanceOf(DecodedPayload.Valid.class);
                sent.add(report);
                return true;
            }

            @Override
            public boolean transfer(TransferReport report, Consumer<String> problem) {
                throw new AssertionError("no transfer here");
            }

            @Override
            public boolean planRequest(PlanRequest request, Consumer<String> problem) {
                throw new AssertionError("no plan here");
            }
        };
        byte[] big = random(20_000);
        try (ContentCache cache = cache()) {
            cache.start(manifest("big", big, 1_000)); // 20 pieces, none held: the bitmap is still 3 bytes
            PieceStore store = cache.start(manifest);
            for (int i = 0; i < 3; i++) {
                store.write(i, Arrays.copyOfRange(bytes, i * 1_000, Math.min(2_500, (i + 1) * 1_000)));
            }
            InventoryReporter reporter = new InventoryReporter(reports, cache, null, () -> 1_000L,
                    new java.io.PrintWriter(new java.io.StringWriter()));

            reporter.reportAll(java.util.Map.of());
            reporter.report("big", new InventoryReporter.Status("", ContentState.CONTENT_STATE_DOWNLOADING, ""));

            assertThat(sent.get(0).getComplete()).isTrue();
            assertThat(sent.get(0).getHoldingsList()).extracting(ContentHolding::getContentId, ContentHolding::getState,
                    h -> h.getPieces().size()).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("app-7", ContentState.CONTENT_STATE_CACHED, 1),
                    org.assertj.core.groups.Tuple.tuple("big", ContentState.CONTENT_STATE_PAUSED, 3));
            assertThat(sent.get(1).getComplete()).isFalse();
            assertThat(sent.get(1).getReportSequence()).isGreaterThan(sent.get(0).getReportSequence());
        }
    }

    static ContentManifest manifest(String id, byte[] content, int pieceSize) {
        ByteArrayOutputStream hashes = new ByteArrayOutputStream();
        for (int from = 0; from < content.length; from += pieceSize) {
            hashes.writeBytes(sha256(Arrays.copyOfRange(content, from, Math.min(content.length, from + pieceSize))));
        }
        return new ContentManifest(id, content.length, sha256(content), pieceSize, hashes.toByteArray());
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] random(int size) {
        byte[] data = new byte[size];
        new java.util.Random(size).nextBytes(data);
        return data;
    }
}
