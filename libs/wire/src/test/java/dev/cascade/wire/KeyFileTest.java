package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {

    @Test
    void createsOnceAndReadsBackBothFamilies(@TempDir Path dir) {
        Path file = dir.resolve("keys.properties");
        assertThat(KeyFile.createIfMissing(file)).isTrue();
        List<WireKey> first = KeyFile.read(file);
        assertThat(KeyFile.createIfMissing(file)).isFalse();
        assertThat(KeyFile.read(file)).containsExactlyInAnyOrderElementsOf(first);
        assertThat(KeyFile.current(file, KeyPurpose.FLEET).id()).isEqualTo(1);
        assertThat(KeyFile.current(file, KeyPurpose.CONNECTOR).id()).isEqualTo(2);
    }

    @Test
    void keepsARetiredKeyWithItsGraceEnd(@TempDir Path dir) {
        Path file = dir.resolve("keys.properties");
        WireKey old = new WireKey(1, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);
        WireKey next = new WireKey(3, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);
        Instant until = Instant.parse("2030-01-01T00:00:00Z");
        KeyFile.write(file, List.of(next, old.retiredUntil(until)));
        assertThat(KeyFile.read(file)).containsExactlyInAnyOrder(next, old.retiredUntil(until));
    }

    @Test
    void namesTheFileAndEntryThatIsWrong(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.properties");
        Files.writeString(file, "fleet=1:notbase64!!\n");
        assertThatThrownBy(() -> KeyFile.read(file)).hasMessageContaining(file.toString()).hasMessageContaining("fleet");
        Files.writeString(file, "# empty\n");
        assertThatThrownBy(() -> KeyFile.read(file)).hasMessageContaining("holds no");
    }
}
