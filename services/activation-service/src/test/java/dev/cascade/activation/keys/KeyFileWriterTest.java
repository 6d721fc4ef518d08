package dev.cascade.activation.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.activation.config.ActivationConfig;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;

class KeyFileWriterTest {

    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");

    @TempDir
    Path directory;

    private KeyFileWriter writer(Path file) {
        KeyFileWriter writer = new KeyFileWriter();
        writer.config = (ActivationConfig) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ActivationConfig.class}, (proxy, method, args) -> {
                    if (method.getName().equals("keyFile")) {
                        return Optional.of(file);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        writer.clock = Clock.fixed(NOW, ZoneOffset.UTC);
        return writer;
    }

    @Test
    void aRingWithoutKeysLeavesTheInstallationKeysInTheFileForTheRingThatImportsThem() throws Exception {
        Path file = directory.resolve("keys.properties");
        KeyFile.createIfMissing(file);
        String installation = Files.readString(file);
        KeyFileWriter writer = writer(file);

        writer.write(0, List.of()); // the maintenance job's first run, before the start's import committed

        assertThat(Files.readString(file)).isEqualTo(installation);
        assertThat(writer.writtenRevision()).isEqualTo(-1);

        List<WireKey> imported = KeyFile.read(file);
        writer.write(1, imported.stream().map(key -> StoredKey.of(key, NOW.minus(Duration.ofDays(1)))).toList());

        assertThat(KeyFile.read(file)).extracting(WireKey::id).containsExactlyElementsOf(
                imported.stream().map(WireKey::id).toList());
        assertThat(KeyFile.current(file, KeyPurpose.FLEET).id()).isEqualTo(imported.stream()
                .filter(key -> key.purpose() == KeyPurpose.FLEET).findFirst().orElseThrow().id());
        assertThat(writer.writtenRevision()).isEqualTo(1);
    }
}
