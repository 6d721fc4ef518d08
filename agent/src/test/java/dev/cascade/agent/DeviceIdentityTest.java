package dev.cascade.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceIdentityTest {

    @TempDir
    Path dir;

    @Test
    void createsTheStateDirectoryAndAnIdOnce() throws Exception {
        Path stateDir = dir.resolve("a/b/state");

        UUID first = DeviceIdentity.loadOrCreate(stateDir);
        UUID second = DeviceIdentity.loadOrCreate(stateDir);

        assertThat(second).isEqualTo(first);
        assertThat(Files.readString(stateDir.resolve("device-id"))).isEqualTo(first + "\n");
        try (var files = Files.list(stateDir)) {
            assertThat(files).containsExactly(stateDir.resolve("device-id")); // no temporary file left behind
        }
    }

    @Test
    void differentStateDirectoriesAreDifferentDevices() {
        assertThat(DeviceIdentity.loadOrCreate(dir.resolve("one"))).isNotEqualTo(DeviceIdentity.loadOrCreate(dir.resolve("two")));
    }

    @Test
    void readsAnIdWrittenByHandWithSurroundingWhitespace() throws Exception {
        UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        Files.writeString(dir.resolve("device-id"), "  " + id + "\r\n");

        assertThat(DeviceIdentity.loadOrCreate(dir)).isEqualTo(id);
    }

    @Test
    void refusesAFileThatHoldsNoUuidAndLeavesItAsItWas() throws Exception {
        Path file = Files.writeString(dir.resolve("device-id"), "1-2-3-4-5\n");

        assertThatThrownBy(() -> DeviceIdentity.loadOrCreate(dir)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(file + " does not hold a device id (a UUID such as 123e4567-e89b-12d3-a456-426614174000)"
                        + " but '1-2-3-4-5'");
        assertThat(Files.readString(file)).isEqualTo("1-2-3-4-5\n");
    }
}
