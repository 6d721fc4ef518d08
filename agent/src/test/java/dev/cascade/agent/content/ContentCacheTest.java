package dev.cascade.agent.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.agent.StorageFacts;
import dev.cascade.agent.discovery.PieceBitmap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCacheTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_000);
    private ContentCache cache;

    private ContentCache open(OptionalLong limit, long freeOnVolume) {
        Path cacheDir = dir.resolve("cache");
        cache = ContentCache.open(cacheDir, new StorageFacts(cacheDir, limit, d -> freeOnVolume), clock::get);
        return cache;
    }

    @AfterEach
    void closeCache() {
        if (cache != null) {
            cache.close();
        }
    }

    private static void fill(PieceStore store, TestContent content) {
        for (int piece = 0; piece < content.pieceCount(); piece++) {
            store.write(piece, content.piece(piece));
        }
    }

    @Test
    void refusesAContentBeyondTheCacheLimitNamingTheNumbers() throws Exception {
        open(OptionalLong.of(10_000), 1_000_000);
        cache.start(TestContent.random("a", 6_000, 1_000, 1).manifest());

        assertThatThrownBy(() -> cache.start(TestContent.random("b", 5_000, 1_000, 2).manifest()))
                .isInstanceOfSatisfying(CacheFullException.class, e -> {
                    assertThat(e.neededBytes()).isEqualTo(5_000);
                    assertThat(e.shortByBytes()).isPositive();
                })
                .hasMessageStartingWith("content 'b' needs 5000 bytes but the cache has room for ")
                .hasMessageContaining("usable 10000, used by the cache 6");
        assertThat(cache.find("b")).isEmpty();
        try (var entries = Files.list(dir.resolve("cache"))) {
            assertThat(entries).as("nothing created for the refused content").hasSize(1);
        }
    }

    @Test
    void countsWhatStartedContentsStillNeedAgainstTheVolume() {
        // The limit allows both, but the volume has 8 000 bytes and the first content's sparse file still needs 6 000.
        open(OptionalLong.empty(), 8_000);
        TestContent a = TestContent.random("a", 6_000, 1_000, 1);
        cache.start(a.manifest());

        assertThatThrownBy(() -> cache.start(TestContent.random("b", 5_000, 1_000, 2).manifest()))
                .isInstanceOf(CacheFullException.class).hasMessageContaining("of which 6000 are promised");
    }

    @Test
    void evictsCompletedContentsNoLongerDeployedLeastRecentlyUsedFirst() throws Exception {
        open(OptionalLong.of(21_000), 1_000_000); // 19 000 bytes of contents + their small manifest and marks files
        TestContent a = TestContent.random("a", 5_000, 1_000, 1);
        TestContent b = TestContent.random("b", 5_000, 1_000, 2);
        TestContent c = TestContent.random("c", 5_000, 1_000, 3);
        TestContent partial = TestContent.random("partial", 4_000, 1_000, 4);
        fill(cache.start(a.manifest()), a);
        clock.set(2_000);
        fill(cache.start(b.manifest()), b);
        clock.set(3_000);
        fill(cache.start(c.manifest()), c);
        cache.start(partial.manifest()).write(0, partial.piece(0));
        clock.set(4_000);
        cache.find("a").orElseThrow().read(0); // a is used again: b is now the least recently used

        TestContent d = TestContent.random("d", 6_000, 1_000, 5);
        CacheFullException full = org.junit.jupiter.api.Assertions.assertThrows(CacheFullException.class,
                () -> cache.start(d.manifest()));
        assertThat(cache.evictLeastRecentlyUsed(full.shortByBytes(), Set.of("c"))).containsExactly("b");
        cache.start(d.manifest());

        assertThat(cache.find("b")).isEmpty();
        assertThat(cache.held("b")).isEmpty();
        assertThat(cache.find("a")).isPresent();
        assertThat(cache.find("partial")).as("never evict a content being fetched").isPresent();
        assertThat(cache.evictLeastRecentlyUsed(Long.MAX_VALUE, Set.of())).containsExactly("c", "a"); // c last used at 3 000, a at 4 000
        assertThat(cache.contents()).extracting(PieceStore::contentId).containsExactlyInAnyOrder("partial", "d");
    }

    @Test
    void evictRemovesTheFilesAndTheInventory() throws Exception {
        open(OptionalLong.empty(), 1_000_000);
        TestContent a = TestContent.random("a", 3_000, 1_000, 1);
        PieceStore store = cache.start(a.manifest());
        store.write(1, a.piece(1));
        Path contentDir = store.dataFile().getParent();

        assertThat(cache.held("a")).contains(PieceBitmap.of(3, 1));
        assertThat(cache.evict("a")).isTrue();
        assertThat(cache.evict("a")).isFalse();

        assertThat(contentDir).doesNotExist();
        assertThat(cache.held("a")).isEmpty();
    }

    @Test
    void answersDiscoveryFromWhatIsOnDiskForAnyContentId() {
        open(OptionalLong.empty(), 1_000_000);
        TestContent odd = TestContent.random("Ünïcode/../id with spaces", 3_000, 1_000, 1);
        TestContent lower = TestContent.random("app", 3_000, 1_000, 2);
        TestContent upper = TestContent.random("APP", 3_000, 1_000, 3);
        cache.start(odd.manifest()).write(2, odd.piece(2));
        cache.start(lower.manifest()).write(0, lower.piece(0));
        cache.start(upper.manifest()).write(1, upper.piece(1));
        cache.start(TestContent.random("nothing-yet", 3_000, 1_000, 4).manifest());
        cache.close();

        open(OptionalLong.empty(), 1_000_000);

        assertThat(cache.held(odd.manifest().contentId())).contains(PieceBitmap.of(3, 2));
        assertThat(cache.held("app")).contains(PieceBitmap.of(3, 0));
        assertThat(cache.held("APP")).contains(PieceBitmap.of(3, 1));
        assertThat(cache.held("nothing-yet")).isEmpty();
        assertThat(cache.held("unknown")).isEmpty();
    }

    @Test
    void refusesAnotherManifestForAContentIdItHolds() {
        open(OptionalLong.empty(), 1_000_000);
        cache.start(TestContent.random("app", 3_000, 1_000, 1).manifest());

        assertThatThrownBy(() -> cache.start(TestContent.random("app", 3_000, 1_000, 2).manifest()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the cache holds content 'app' with SHA-256 ")
                .hasMessageEndingWith("evict it first if the catalog really changed it");
    }

    @Test
    void discardsWhatACrashLeftHalfLaidOutOrDamaged() throws Exception {
        open(OptionalLong.empty(), 1_000_000);
        TestContent a = TestContent.random("a", 3_000, 1_000, 1);
        TestContent b = TestContent.random("b", 3_000, 1_000, 2);
        cache.start(a.manifest()).write(0, a.piece(0));
        Path bDir = cache.start(b.manifest()).dataFile().getParent();
        cache.close();
        Files.createDirectories(dir.resolve("cache/" + ContentCache.dirName("c") + ".laying"));
        Files.write(bDir.resolve(PieceStore.MARKS_FILE), new byte[5]);

        open(OptionalLong.empty(), 1_000_000);

        assertThat(cache.held("a")).contains(PieceBitmap.of(3, 0));
        assertThat(cache.find("b")).isEmpty();
        assertThat(cache.discarded()).singleElement().asString().contains("has 5 bytes; 3 pieces need 1");
        try (var entries = Files.list(dir.resolve("cache"))) {
            assertThat(entries).hasSize(1);
        }
    }
}
