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

    @Test
    void keepsSeveralRetiredKeysOfAFamilyOnOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.properties");
        WireKey first = new WireKey(1, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null)
                .retiredUntil(Instant.parse("2030-01-01T00:00:00Z"));
        WireKey second = new WireKey(4, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null)
                .retiredUntil(Instant.parse("2030-01-03T00:00:00Z"));
        WireKey current = new WireKey(9, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);
        WireKey connector = new WireKey(2, KeyPurpose.CONNECTOR, DatagramVerifierTest.randomSecret(), null);
        WireKey connectorRetired = new WireKey(3, KeyPurpose.CONNECTOR, DatagramVerifierTest.randomSecret(), null)
                .retiredUntil(Instant.parse("2030-02-01T00:00:00Z"));

        KeyFile.write(file, List.of(current, first, connectorRetired, second, connector));

        assertThat(KeyFile.read(file)).containsExactlyInAnyOrder(current, first, second, connector, connectorRetired);
        assertThat(Files.readAllLines(file)).contains(
                "fleet.retired=" + first.format() + "@2030-01-01T00:00:00Z," + second.format() + "@2030-01-03T00:00:00Z",
                "connector.retired=" + connectorRetired.format() + "@2030-02-01T00:00:00Z");
    }

    @Test
    void readsAFileWrittenWithOneRetiredEntryAndSpacesAroundTheCommas(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.properties");
        WireKey old = new WireKey(1, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);
        WireKey older = new WireKey(3, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);
        Files.writeString(file, "fleet.retired=" + old.format() + "@2030-01-01T00:00:00Z\n");
        assertThat(KeyFile.read(file)).containsExactly(old.retiredUntil(Instant.parse("2030-01-01T00:00:00Z")));

        Files.writeString(file, "fleet.retired=" + old.format() + "@2030-01-01T00:00:00Z , " + older.format()
                + "@2030-01-02T00:00:00Z\n");
        assertThat(KeyFile.read(file)).containsExactly(old.retiredUntil(Instant.parse("2030-01-01T00:00:00Z")),
                older.retiredUntil(Instant.parse("2030-01-02T00:00:00Z")));
    }

    @Test
    void namesTheRetiredEntryThatIsWrong(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.properties");
        WireKey old = new WireKey(1, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);
        Files.writeString(file, "fleet.retired=" + old.format() + "@2030-01-01T00:00:00Z," + old.format() + "\n");
        assertThatThrownBy(() -> KeyFile.read(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + ": fleet.retired must be <id>:<base64>@<ISO-8601 instant>[,...]");

        Files.writeString(file, "fleet.retired=" + old.format() + "@2030-01-01T00:00:00Z,\n");
        assertThatThrownBy(() -> KeyFile.read(file)).hasMessageContaining("fleet.retired must be");

        Files.writeString(file, "connector.retired=" + old.format() + "@tomorrow\n");
        assertThatThrownBy(() -> KeyFile.read(file))
                .hasMessage(file + ": connector.retired: key 1 has no valid instant after '@'");
    }

    @Test
    void refusesToWriteWhatTheFileCannotHoldAndLeavesTheOldFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("keys.properties");
        WireKey one = new WireKey(1, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);
        WireKey seven = new WireKey(7, KeyPurpose.FLEET, DatagramVerifierTest.randomSecret(), null);
        KeyFile.write(file, List.of(one));
        String before = Files.readString(file);

        assertThatThrownBy(() -> KeyFile.write(file, List.of(one, seven))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 current fleet keys (ids [1, 7]); retire all but one");
        assertThatThrownBy(() -> KeyFile.write(file, List.of(seven, one.retiredUntil(Instant.EPOCH), one)))
                .hasMessageContaining("two keys have id 1");
        assertThat(Files.readString(file)).isEqualTo(before);
    }
}
