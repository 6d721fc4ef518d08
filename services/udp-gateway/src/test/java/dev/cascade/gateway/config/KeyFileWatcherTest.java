package dev.cascade.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.WireKey;

class KeyFileWatcherTest {

    @TempDir
    Path dir;

    private final List<Boolean> outcomes = new ArrayList<>();

    @Test
    void aChangedFileReplacesTheWholeRingAndAnUnchangedOneIsNotReread() {
        Path file = dir.resolve("keys.properties");
        KeyFile.createIfMissing(file);
        KeyRing ring = new KeyRing(List.of());
        KeyFileWatcher watcher = new KeyFileWatcher(file, ring, outcomes::add);
        watcher.loadInitial();
        WireKey oldFleet = KeyFile.current(file, KeyPurpose.FLEET);
        assertThat(ids(ring)).containsExactlyInAnyOrder(1L, 2L);

        assertThat(watcher.reloadIfChanged()).isFalse();

        WireKey newFleet = new WireKey(5, KeyPurpose.FLEET, new byte[32], null);
        KeyFile.write(file, List.of(newFleet, oldFleet.retiredUntil(Instant.now().plusSeconds(600))));

        assertThat(watcher.reloadIfChanged()).isTrue();
        assertThat(ids(ring)).containsExactlyInAnyOrder(1L, 5L);
        assertThat(ring.find(1, Instant.now())).isPresent();
        assertThat(ring.find(2, Instant.now())).isEmpty();
        assertThat(outcomes).containsExactly(true);
    }

    @Test
    void aBrokenFileKeepsThePreviousKeysAndIsReportedOnce() throws Exception {
        Path file = dir.resolve("keys.properties");
        KeyFile.createIfMissing(file);
        KeyRing ring = new KeyRing(List.of());
        KeyFileWatcher watcher = new KeyFileWatcher(file, ring, outcomes::add);
        watcher.loadInitial();

        Files.writeString(file, "fleet=garbage\n");

        assertThat(watcher.reloadIfChanged()).isFalse();
        assertThat(watcher.reloadIfChanged()).isFalse();
        assertThat(ids(ring)).containsExactlyInAnyOrder(1L, 2L);
        assertThat(outcomes).containsExactly(false);
    }

    @Test
    void anUnusableFileAtStartupFailsNamingTheProperty() throws Exception {
        Path file = dir.resolve("keys.properties");
        Files.writeString(file, "# nothing here\n");
        KeyFileWatcher watcher = new KeyFileWatcher(file, new KeyRing(List.of()), outcomes::add);

        assertThatThrownBy(watcher::loadInitial).hasMessageContaining("cascade.keys.file=" + file);
    }

    private static List<Long> ids(KeyRing ring) {
        return ring.all().stream().map(WireKey::id).toList();
    }
}
