package dev.cascade.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;

class KeySourceTest {

    private static final String SECRET_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String SECRET_B = Base64.getEncoder().encodeToString("b".repeat(32).getBytes());

    @TempDir
    Path dir;

    @Test
    void fleetAndConnectorListsBecomeKeysOfTheirFamily() {
        List<WireKey> keys = KeySource.fromProperties(Optional.of("3:" + SECRET_A + ", 2:" + SECRET_B),
                Optional.of("7:" + SECRET_A));

        assertThat(keys).extracting(WireKey::id).containsExactly(3L, 2L, 7L);
        assertThat(keys).extracting(WireKey::purpose)
                .containsExactly(KeyPurpose.FLEET, KeyPurpose.FLEET, KeyPurpose.CONNECTOR);
    }

    @Test
    void withoutAFleetKeyTheErrorNamesBothWaysToConfigureOne() {
        assertThatThrownBy(() -> KeySource.fromProperties(Optional.empty(), Optional.of("7:" + SECRET_A)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no fleet key configured")
                .hasMessageContaining("cascade.keys.file")
                .hasMessageContaining("cascade.keys.fleet");
        assertThatThrownBy(() -> KeySource.fromProperties(Optional.of("  "), Optional.empty()))
                .hasMessageContaining("cascade.keys.fleet");
    }

    @Test
    void aMalformedKeyIsNamedByPropertyAndPosition() {
        assertThatThrownBy(() -> KeySource.fromProperties(Optional.of("1:" + SECRET_A + ",2:c2hvcnQ="), Optional.empty()))
                .hasMessageStartingWith("cascade.keys.fleet: entry 2:")
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> KeySource.fromProperties(Optional.of("1:" + SECRET_A), Optional.of("x:" + SECRET_A)))
                .hasMessageStartingWith("cascade.keys.connector: entry 1:")
                .hasMessageContaining("'x' is not a number");
        assertThatThrownBy(() -> KeySource.fromProperties(Optional.of("1:" + SECRET_A + ","), Optional.empty()))
                .hasMessageContaining("entry 2 is empty");
    }

    @Test
    void twoKeysMayNotShareAnId() {
        assertThatThrownBy(() -> KeySource.fromProperties(Optional.of("1:" + SECRET_A), Optional.of("1:" + SECRET_B)))
                .hasMessageContaining("two keys share id 1");
    }

    @Test
    void exactlyOneKeySourceIsChosen() {
        Path file = dir.resolve("keys.properties");
        Optional<String> none = Optional.empty();

        assertThat(KeySource.choose(Optional.of(file), none, none, none)).isEqualTo(KeySource.Kind.FILE);
        assertThat(KeySource.choose(Optional.empty(), Optional.of("1:" + SECRET_A), none, Optional.of(" ")))
                .as("a blank property is not a source").isEqualTo(KeySource.Kind.PROPERTIES);
        assertThat(KeySource.choose(Optional.empty(), none, none, Optional.of("activation-service:9085")))
                .isEqualTo(KeySource.Kind.ACTIVATION_SERVICE);
    }

    @Test
    void twoKeySourcesAreAStartupErrorNamingBoth() {
        Path file = dir.resolve("keys.properties");
        assertThatThrownBy(() -> KeySource.choose(Optional.of(file), Optional.of("9:" + SECRET_A), Optional.empty(),
                Optional.of("activation-service:9085")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 sources")
                .hasMessageContaining("cascade.keys.file=" + file)
                .hasMessageContaining("cascade.keys.fleet")
                .hasMessageContaining("cascade.keys.activation-service=activation-service:9085")
                .hasMessageContaining("expected exactly one");
        assertThatThrownBy(() -> KeySource.choose(Optional.empty(), Optional.empty(), Optional.of("2:" + SECRET_A),
                Optional.of("activation-service:9085")))
                .hasMessageContaining("2 sources (cascade.keys.connector, cascade.keys.activation-service=");
    }

    @Test
    void noKeySourceIsAStartupErrorNamingAllThree() {
        assertThatThrownBy(() -> KeySource.choose(Optional.empty(), Optional.of(""), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("no key source configured")
                .hasMessageContaining("cascade.keys.file")
                .hasMessageContaining("cascade.keys.fleet")
                .hasMessageContaining("cascade.keys.activation-service");
    }

    @Test
    void keyFileErrorsNameThePropertyAndTheFile() throws Exception {
        Path missing = dir.resolve("missing.properties");
        assertThatThrownBy(() -> KeySource.fromFile(missing))
                .hasMessageStartingWith("cascade.keys.file=" + missing)
                .hasMessageContaining("no such file");

        Path connectorOnly = dir.resolve("connector-only.properties");
        Files.writeString(connectorOnly, "connector=2:" + SECRET_A + "\n");
        assertThatThrownBy(() -> KeySource.fromFile(connectorOnly))
                .hasMessageContaining("cascade.keys.file=" + connectorOnly)
                .hasMessageContaining("no current 'fleet' key");

        Path retiredOnly = dir.resolve("retired-only.properties");
        KeyFile.write(retiredOnly, List.of(WireKey.parse("1:" + SECRET_A, KeyPurpose.FLEET)
                .retiredUntil(Instant.now().plusSeconds(60))));
        assertThatThrownBy(() -> KeySource.fromFile(retiredOnly)).hasMessageContaining("no current 'fleet' key");

        Path malformed = dir.resolve("malformed.properties");
        Files.writeString(malformed, "fleet=1:not-base64!\n");
        assertThatThrownBy(() -> KeySource.fromFile(malformed))
                .hasMessageContaining("cascade.keys.file=" + malformed)
                .hasMessageContaining("fleet");
    }
}
