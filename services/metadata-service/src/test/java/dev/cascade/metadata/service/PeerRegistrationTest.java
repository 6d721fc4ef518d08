package dev.cascade.metadata.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.contracts.v1.Register;

class PeerRegistrationTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String DEVICE = UUID.randomUUID().toString();

    private static PeerRegistered.Builder event(Register.Builder register) {
        return PeerRegistered.newBuilder().setEventId("e-1").setDeviceId(DEVICE).setRegistration(register)
                .setSourceAddress("192.0.2.7:34324").setReceivedAtUnixMs(1_000_000).setSentAtUnixMs(999_000);
    }

    @Test
    void readsEveryAttribute() {
        Register.Builder register = Register.newBuilder().setHostname("pc-0042").setIpAddress("10.1.2.3").setPrefixLength(24)
                .setDeviceClass(DeviceClass.DEVICE_CLASS_LAPTOP).setOsType(OsType.OS_TYPE_WORKSTATION)
                .setFreeStorageBytes(5_000).setUsableStorageBytes(9_000).setBootTimeUnixMs(500_000).setClientVersion("1.2.3");

        PeerRegistration registration = PeerRegistration.from("e-1", event(register).build(), NOW);

        assertThat(registration.deviceId()).isEqualTo(DEVICE);
        assertThat(registration.hostname()).isEqualTo("pc-0042");
        assertThat(registration.ipAddress()).isEqualTo("10.1.2.3");
        assertThat(registration.prefixLength()).isEqualTo(24);
        assertThat(registration.deviceClass()).isEqualTo("LAPTOP");
        assertThat(registration.osType()).isEqualTo("WORKSTATION");
        assertThat(registration.freeStorageBytes()).isEqualTo(5_000);
        assertThat(registration.usableStorageBytes()).isEqualTo(9_000);
        assertThat(registration.bootTime()).isEqualTo(Instant.ofEpochMilli(500_000));
        assertThat(registration.clientVersion()).isEqualTo("1.2.3");
        assertThat(registration.receivedAt()).isEqualTo(Instant.ofEpochMilli(1_000_000));
        assertThat(registration.sentAt()).isEqualTo(Instant.ofEpochMilli(999_000));
    }

    @Test
    void unsetEnumsAndTimesHaveExplicitDefaults() {
        PeerRegistration registration = PeerRegistration.from("e-1", PeerRegistered.newBuilder().setDeviceId(DEVICE)
                .setRegistration(Register.newBuilder().setIpAddress("10.1.2.3")).build(), NOW);

        assertThat(registration.deviceClass()).isEqualTo("UNSPECIFIED");
        assertThat(registration.osType()).isEqualTo("UNSPECIFIED");
        assertThat(registration.bootTime()).isNull();
        assertThat(registration.receivedAt()).isEqualTo(NOW);
        assertThat(registration.sentAt()).isEqualTo(NOW);
    }

    @Test
    void withoutAReportedAddressTheSourceAddressIsTheAddress() {
        assertThat(PeerRegistration.from("e-1", event(Register.newBuilder()).build(), NOW).ipAddress()).isEqualTo("192.0.2.7");
        assertThat(PeerRegistration.from("e-1", event(Register.newBuilder()).setSourceAddress("[2001:db8::7]:34324").build(), NOW)
                .ipAddress()).isEqualTo("2001:db8::7");
        assertThat(PeerRegistration.hostOf("2001:db8::7")).isEqualTo("2001:db8::7");
        assertThat(PeerRegistration.hostOf("10.0.0.1")).isEqualTo("10.0.0.1");
        assertThatThrownBy(() -> PeerRegistration.from("e-9", event(Register.newBuilder()).setSourceAddress("").build(), NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e-9").hasMessageContaining("ip_address");
    }

    @Test
    void aDeviceIdThatIsNoUuidIsRefusedNamingTheEvent() {
        assertThatThrownBy(() -> PeerRegistration.from("e-7", event(Register.newBuilder()).setDeviceId("pc-0042").build(), NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("e-7").hasMessageContaining("'pc-0042'");
    }

    @Test
    void anOverlongFieldIsRefusedByName() {
        Register.Builder register = Register.newBuilder().setIpAddress("10.1.2.3").setHostname("h".repeat(254));
        assertThatThrownBy(() -> PeerRegistration.from("e-1", event(register).build(), NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hostname").hasMessageContaining("253");
    }

    @Test
    void aRegistrationSentBeforeTheStoredOneIsOlder() {
        PeerRegistration registration = PeerRegistration.from("e-1", event(Register.newBuilder()).build(), NOW);
        Instant sentAt = registration.sentAt();

        assertThat(registration.isOlderThan(sentAt.plusMillis(1))).isTrue();
        assertThat(registration.isOlderThan(sentAt)).isFalse();
        assertThat(registration.isOlderThan(sentAt.minusMillis(1))).isFalse();
        assertThat(registration.isOlderThan(null)).isFalse();
    }
}
