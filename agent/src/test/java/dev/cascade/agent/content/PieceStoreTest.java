package dev.cascade.agent.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.agent.StorageFacts;
import dev.cascade.agent.discovery.PieceBitmap;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PieceStoreTest {

    @TempDir
    Path dir;

    private final TestContent content = TestContent.random("app-7", 10_000, 1_024, 7);
    private ContentCache cache;

    private ContentCache openCache() {
        cache = ContentCache.open(dir.resolve("cache"), new StorageFacts(dir.resolve("cache"), OptionalLong.empty(),
                d -> 1L << 40), System::currentTimeMillis);
        return cache;
    }

    @AfterEach
    void closeCache() {
        if (cache != null) {
            cache.close();
        }
    }

    @Test
    void storesAVerifiedPieceAtItsOffsetAndServesIt() throws Exception {
        PieceStore store = openCache().start(content.manifest());

        assertThat(store.write(3, content.piece(3))).isTrue();
        assertThat(store.write(3, content.piece(3))).as("already held: nothing written").isFalse();

        assertThat(store.read(3)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content.piece(3)));
        assertThat(store.read(4)).isEmpty();
        assertThat(store.held()).isEqualTo(PieceBitmap.of(10, 3));
        assertThat(cache.held("app-7")).contains(PieceBitmap.of(10, 3));
        try (RandomAccessFile data = new RandomAccessFile(store.dataFile().toFile(), "r")) {
            assertThat(data.length()).isEqualTo(10_000);
            byte[] onDisk = new byte[1_024];
            data.seek(3 * 1_024);
            data.readFully(onDisk);
            assertThat(onDisk).isEqualTo(content.piece(3));
        }
    }

    @Test
    void refusesABadPieceBeforeWritingIt() throws Exception {
        PieceStore store = openCache().start(content.manifest());
        byte[] bad = content.piece(2);
        bad[100] ^= 0x40;

        assertThatThrownBy(() -> store.write(2, bad))
                .isInstanceOfSatisfying(BadPieceException.class, e -> {
                    assertThat(e.contentId()).isEqualTo("app-7");
                    assertThat(e.piece()).isEqualTo(2);
                    assertThat(e.expectedSha256()).isEqualTo(Sha256.hex(content.manifest().pieceHash(2)));
                    assertThat(e.actualSha256()).isEqualTo(Sha256.hex(Sha256.of(bad, 0, bad.length)));
                })
                .hasMessageStartingWith("piece 2 of content 'app-7' as received has SHA-256 ");
        assertThatThrownBy(() -> store.write(9, content.piece(8))).isInstanceOf(BadPieceException.class)
                .hasMessageContaining("as received (1024 bytes; the piece has 784)");

        assertThat(store.isHeld(2)).isFalse();
        assertThat(Files.readAllBytes(store.dataFile())).containsOnly(0);
    }

    @Test
    void keepsVerifiedPiecesAcrossARestart() throws Exception {
        PieceStore store = openCache().start(content.manifest());
        for (int piece : new int[] {0, 1, 7, 9}) {
            store.write(piece, content.piece(piece));
        }
        cache.close();

        PieceStore again = openCache().start(content.manifest());

        assertThat(again.held()).isEqualTo(PieceBitmap.of(10, 0, 1, 7, 9));
        assertThat(again.missing().stream().toArray()).containsExactly(2, 3, 4, 5, 6, 8);
        assertThat(again.read(9)).hasValueSatisfying(bytes -> assertThat(bytes).isEqualTo(content.piece(9)));
        assertThat(cache.discarded()).isEmpty();
    }

    @Test
    void detectsAPieceCorruptedOnDiskWhenServingAndUnmarksItForGood() throws Exception {
        PieceStore store = openCache().start(content.manifest());
        store.write(4, content.piece(4));
        store.write(5, content.piece(5));
        cache.close();
        flipByte(store.dataFile(), 4 * 1_024 + 10);

        PieceStore again = openCache().start(content.manifest());
        assertThat(again.isHeld(4)).as("marked until read: verified lazily").isTrue();

        assertThatThrownBy(() -> again.read(4)).isInstanceOf(BadPieceException.class)
                .hasMessageContaining("on disk in " + again.dataFile() + " (now unmarked, to be fetched again)");
        assertThat(again.isHeld(4)).isFalse();
        assertThat(again.read(4)).isEmpty();
        assertThat(again.read(5)).isPresent();
        cache.close();

        assertThat(openCache().start(content.manifest()).held()).as("the unmark is durable").isEqualTo(PieceBitmap.of(10, 5));
    }

    @Test
    void verifiesTheWholeContentAndUnmarksWhatFails() throws Exception {
        PieceStore store = openCache().start(content.manifest());
        for (int piece = 0; piece < content.pieceCount(); piece++) {
            assertThat(store.complete()).isFalse();
            store.write(piece, content.piece(piece));
        }
        assertThat(store.complete()).isTrue();
        assertThat(store.verifyWhole()).isEqualTo(new PieceStore.WholeCheck("app-7", true,
                Sha256.hex(content.manifest().sha256()), Sha256.hex(content.manifest().sha256()), List.of()));
        assertThat(Files.readAllBytes(store.dataFile())).isEqualTo(content.bytes());

        flipByte(store.dataFile(), 1_500);
        flipByte(store.dataFile(), 9_999);
        PieceStore.WholeCheck check = store.verifyWhole();

        assertThat(check.matches()).isFalse();
        assertThat(check.unmarkedPieces()).containsExactly(1, 9);
        assertThat(check.actualSha256()).isNotEqualTo(check.expectedSha256());
        assertThat(store.held()).isEqualTo(PieceBitmap.parse(10, "0,2-8"));
        assertThatThrownBy(store::verifyWhole).hasMessage("content 'app-7' holds 8 of 10 pieces: verify the whole when it is complete");
    }

    @Test
    void takesPiecesFromManyWritersWhileServingThem() throws Exception {
        TestContent big = TestContent.random("big", 2_000 * 512 + 77, 512, 3);
        PieceStore store = openCache().start(big.manifest());
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger served = new AtomicInteger();
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int first = w;
                work.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int piece = first; piece < big.pieceCount(); piece += writers) {
                        store.write(piece, big.piece(piece));
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 2; r++) {
                work.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    while (!store.complete()) {
                        for (int piece = 0; piece < big.pieceCount(); piece += 37) {
                            int index = piece;
                            store.read(index).ifPresent(bytes -> {
                                assertThat(bytes).isEqualTo(big.piece(index));
                                served.incrementAndGet();
                            });
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : work) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.held().isComplete()).isTrue();
        assertThat(served.get()).as("pieces served while others were written").isPositive();
        assertThat(store.verifyWhole().matches()).isTrue();
        cache.close();
        assertThat(openCache().start(big.manifest()).held().isComplete()).as("every mark durable").isTrue();
    }

    @Test
    void anInterruptedCallerDoesNotCloseTheStoreForOthers() throws Exception {
        PieceStore store = openCache().start(content.manifest());
        Thread.currentThread().interrupt();
        try {
            store.write(0, content.piece(0));
            assertThat(store.read(0)).isPresent();
            assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept for the caller").isTrue();
        } finally {
            Thread.interrupted();
        }

        assertThat(store.write(1, content.piece(1))).isTrue();
        assertThat(store.read(0)).isPresent();
    }

    static void flipByte(Path file, long offset) throws Exception {
        try (RandomAccessFile data = new RandomAccessFile(file.toFile(), "rw")) {
            data.seek(offset);
            int b = data.read();
            data.seek(offset);
            data.write(b ^ 0xff);
        }
    }
}
