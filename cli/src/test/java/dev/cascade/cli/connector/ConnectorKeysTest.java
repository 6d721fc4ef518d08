package dev.cascade.cli.connector;

import static dev.cascade.cli.connector.ConnectorCommandsTest.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.contracts.v1.WrappedKey;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyWrap;
import dev.cascade.wire.WireKey;

class ConnectorKeysTest {

    @TempDir
    Path dir;

    @Test
    void signsWithTheCurrentConnectorKeyAndVerifiesRepliesWithEveryValidOne() {
        Path file = dir.resolve("keys.properties");
        WireKey current = key(9, KeyPurpose.CONNECTOR);
        WireKey retired = key(4, KeyPurpose.CONNECTOR).retiredUntil(Instant.now().plusSeconds(60));
        KeyFile.write(file, List.of(key(1, KeyPurpose.FLEET), current, retired));

        ConnectorKeys keys = ConnectorKeys.read(file);

        assertThat(keys.signing()).isEqualTo(current);
        assertThat(keys.ring().all()).containsExactlyInAnyOrder(current, retired); // a fleet key never verifies a connector reply
    }

    @Test
    void installingDropsAnOlderRetiredKeyAndAPreviousKeyWhoseGraceIsOver() {
        Path file = dir.resolve("keys.properties");
        WireKey fleet = key(1, KeyPurpose.FLEET);
        WireKey current = key(9, KeyPurpose.CONNECTOR);
        KeyFile.write(file, List.of(fleet, current, key(4, KeyPurpose.CONNECTOR).retiredUntil(Instant.now().plusSeconds(60))));
        WireKey fresh = key(12, KeyPurpose.CONNECTOR);
        Instant now = Instant.now();

        WireKey installed = ConnectorKeys.read(file).install(KeyWrap.wrap(fresh, current), current, now.minusSeconds(1), now);

        assertThat(installed).isEqualTo(fresh);
        assertThat(KeyFile.read(file)).containsExactlyInAnyOrder(fleet, fresh);
    }

    @Test
    void aMissingFileOrOneWithoutAConnectorKeyIsNamed() throws Exception {
        assertThatThrownBy(() -> ConnectorKeys.read(dir.resolve("none"))).hasMessageStartingWith("key file " + dir.resolve("none") + " not found");
        Path fleetOnly = dir.resolve("fleet.properties");
        KeyFile.write(fleetOnly, List.of(key(1, KeyPurpose.FLEET)));
        assertThatThrownBy(() -> ConnectorKeys.read(fleetOnly)).hasMessage("key file " + fleetOnly
                + " has no current connector key (a line 'connector=<id>:<base64 of 32 bytes>')");
        Path garbled = Files.writeString(dir.resolve("garbled.properties"), "connector=2:not base64!\n");
        assertThatThrownBy(() -> ConnectorKeys.read(garbled)).hasMessageContaining("connector: the secret of key 2 is not valid base64");
    }

    @Test
    void aKeyWrappedForSomeoneElseIsRefusedAndTheFileIsUntouched() throws Exception {
        Path file = dir.resolve("keys.properties");
        WireKey current = key(9, KeyPurpose.CONNECTOR);
        KeyFile.write(file, List.of(current));
        byte[] before = Files.readAllBytes(file);
        WrappedKey forAnother = KeyWrap.wrap(key(12, KeyPurpose.CONNECTOR), key(8, KeyPurpose.CONNECTOR));

        assertThatThrownBy(() -> ConnectorKeys.read(file).install(forAnother, current, Instant.MAX, Instant.now()))
                .hasMessageContaining("wrapped key 12 is wrapped with key 8, not with key 9");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void fingerprintsAreShortStableAndDifferPerKey() {
        WireKey a = key(1, KeyPurpose.CONNECTOR);
        assertThat(ConnectorKeys.fingerprint(a)).matches("([0-9a-f]{2}:){7}[0-9a-f]{2}").isEqualTo(ConnectorKeys.fingerprint(a));
        assertThat(ConnectorKeys.fingerprint(a)).isNotEqualTo(ConnectorKeys.fingerprint(key(1, KeyPurpose.CONNECTOR)));
    }
}
