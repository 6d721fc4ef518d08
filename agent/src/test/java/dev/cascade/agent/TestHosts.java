package dev.cascade.agent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;

/** Fixtures shared by the agent tests: a machine described by files, and fresh keys. */
final class TestHosts {

    static final long BOOT_TIME_SECONDS = 1_700_000_000L;

    private TestHosts() {
    }

    /** A Linux-like machine under {@code root}: booted at {@link #BOOT_TIME_SECONDS}, named "test-host", no battery. */
    static HostFacts machine(Path root) throws IOException {
        Path proc = Files.createDirectories(root.resolve("proc"));
        Path stat = Files.writeString(proc.resolve("stat"), "cpu  1 2 3 4\nintr 5\nbtime " + BOOT_TIME_SECONDS + "\nprocesses 9\n");
        Path hostname = Files.writeString(proc.resolve("hostname"), "test-host\n");
        Path powerSupply = Files.createDirectories(root.resolve("sys/class/power_supply"));
        return new HostFacts(stat, powerSupply, hostname, () -> "fallback-host", () -> 42L);
    }

    static WireKey fleetKey(long id) {
        byte[] secret = new byte[WireKey.SECRET_SIZE];
        new SecureRandom().nextBytes(secret);
        return new WireKey(id, KeyPurpose.FLEET, secret, null);
    }
}
