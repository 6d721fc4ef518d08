package dev.cascade.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StorageFactsTest {

    @TempDir
    Path dir;

    private Path cacheWith(int... fileSizes) throws IOException {
        Path cache = Files.createDirectories(dir.resolve("cache/pieces"));
        for (int i = 0; i < fileSizes.length; i++) {
            Files.write(cache.resolve("piece-" + i), new byte[fileSizes[i]]);
        }
        return dir.resolve("cache");
    }

    @Test
    void usableIsTheLimitWhenTheVolumeHasRoomForIt() throws Exception {
        Path cache = cacheWith(1000, 500);
        StorageFacts.Snapshot snapshot = new StorageFacts(cache, OptionalLong.of(10_000), d -> 1_000_000).measure();

        assertThat(snapshot).isEqualTo(new StorageFacts.Snapshot(1_000_000, 10_000, 1_500));
    }

    @Test
    void usableIsFreePlusWhatTheCacheHoldsWhenTheVolumeIsShort() throws Exception {
        Path cache = cacheWith(1000, 500);
        StorageFacts.Snapshot snapshot = new StorageFacts(cache, OptionalLong.of(10_000), d -> 2_000).measure();

        assertThat(snapshot).isEqualTo(new StorageFacts.Snapshot(2_000, 3_500, 1_500));
    }

    @Test
    void withoutALimitUsableIsAllTheVolumeGives() throws Exception {
        Path cache = cacheWith(300);
        StorageFacts.Snapshot snapshot = new StorageFacts(cache, OptionalLong.empty(), d -> 7_000).measure();

        assertThat(snapshot).isEqualTo(new StorageFacts.Snapshot(7_000, 7_300, 300));
    }

    @Test
    void measuresTheRealFileStoreAndCreatesTheCacheDirectory() {
        Path cache = dir.resolve("new/cache");
        StorageFacts.Snapshot snapshot = new StorageFacts(cache, OptionalLong.empty()).measure();

        assertThat(cache).isDirectory();
        assertThat(snapshot.freeBytes()).isPositive().isEqualTo(snapshot.usableBytes());
    }

    @Test
    void namesTheCacheDirectoryWhenItCannotBeCreated() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path cache = file.resolve("cache");

        assertThatThrownBy(() -> new StorageFacts(cache, OptionalLong.empty()).measure())
                .isInstanceOf(UncheckedIOException.class).hasMessageStartingWith("cannot measure the cache directory " + cache);
    }
}
