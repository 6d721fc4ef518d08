package dev.cascade.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.contracts.v1.DeviceClass;

class HostFactsTest {

    @TempDir
    Path dir;

    @Test
    void readsBootTimeHostnameAndDeviceClassFromTheLinuxFiles() throws Exception {
        HostFacts facts = TestHosts.machine(dir);

        assertThat(facts.bootTimeUnixMs()).isEqualTo(TestHosts.BOOT_TIME_SECONDS * 1000);
        assertThat(facts.hostname()).isEqualTo("test-host");
        assertThat(facts.deviceClass()).isEqualTo(DeviceClass.DEVICE_CLASS_DESKTOP);

        Files.createDirectories(dir.resolve("sys/class/power_supply/AC"));
        assertThat(facts.deviceClass()).isEqualTo(DeviceClass.DEVICE_CLASS_DESKTOP);
        Files.createDirectories(dir.resolve("sys/class/power_supply/BAT1"));
        assertThat(facts.deviceClass()).isEqualTo(DeviceClass.DEVICE_CLASS_LAPTOP);
    }

    @Test
    void fallsBackWhereTheLinuxFilesAreMissingOrUnreadable() throws Exception {
        Path stat = Files.writeString(dir.resolve("stat"), "cpu 1 2 3\nbtime soon\n");
        HostFacts facts = new HostFacts(stat, dir.resolve("no-power-supply"), dir.resolve("no-hostname"),
                () -> "from-resolver", () -> 1234L);

        assertThat(facts.bootTimeUnixMs()).isEqualTo(1234L);
        assertThat(facts.hostname()).isEqualTo("from-resolver");
        assertThat(facts.deviceClass()).isEqualTo(DeviceClass.DEVICE_CLASS_DESKTOP);
    }

    @Test
    void theRoutedAddressToALoopbackServerIsLoopbackWithItsInterfacesPrefix() throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");

        InetAddress local = HostFacts.routedLocalAddress(new InetSocketAddress(loopback, 9));

        assertThat(local).isEqualTo(loopback);
        assertThat(HostFacts.prefixLength(local)).hasValue(8);
        assertThat(HostFacts.prefixLength(InetAddress.getByName("192.0.2.123"))).isEmpty();
    }
}
