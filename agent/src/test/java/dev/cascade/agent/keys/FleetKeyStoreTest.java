package dev.cascade.agent.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;

/** The agent's fleet keys: configured ∪ learned, the highest current id signs, learned keys survive a restart. */
class FleetKeyStoreTest {

    private static final Instant NOW = Instant.parse("2026-11-25T04:00:00Z");
    private static final Instant GRACE_END = NOW.plusSeconds(7 * 86_400);

    @TempDir
    Path stateDir;

    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final WireKey installed = key(1);
    private final WireKey delivered = key(7);

    static WireKey key(long id) {
        byte[] secret = new byte[WireKey.SECRET_SIZE];
        new SecureRandom().nextBytes(secret);
        return new WireKey(id, KeyPurpose.FLEET, secret, null);
    }

    @Test
    void signsWithTheConfiguredKeyUntilTheServerDeliversOne() {
        FleetKeyStore store = FleetKeyStore.open(List.of(installed), stateDir, clock);

        assertThat(store.signingKey()).isEqualTo(installed);
        assertThat(store.warnings()).isEmpty();
        assertThat(stateDir.resolve(FleetKeyStore.FILE_NAME)).doesNotExist();
    }

    @Test
    void storesADeliveredKeyBeforeSigningWithItAndKeepsItAcrossARestart() {
        FleetKeyStore store = FleetKeyStore.open(List.of(installed), stateDir, clock);

        assertThat(store.learn(delivered, GRACE_END)).isEqualTo(FleetKeyStore.Learned.NEW);

        assertThat(store.signingKey()).isEqualTo(delivered);
        assertThat(store.ring().find(1, NOW)).contains(installed.retiredUntil(GRACE_END));
        assertThat(KeyFile.read(store.file())).containsExactlyInAnyOrder(delivered, installed.retiredUntil(GRACE_END));
        FleetKeyStore restarted = FleetKeyStore.open(List.of(installed), stateDir, clock);
        assertThat(restarted.signingKey()).isEqualTo(delivered);
        // the installed key keeps the end of the grace period the server gave, not "current" from the configuration
        assertThat(restarted.ring().find(1, GRACE_END)).isEmpty();
        assertThat(restarted.ring().find(1, NOW)).isPresent();
    }

    @Test
    void twoRotationsInOneGracePeriodKeepBothOlderKeys() {
        FleetKeyStore store = FleetKeyStore.open(List.of(installed), stateDir, clock);
        WireKey third = key(9);
        Instant secondEnd = GRACE_END.plusSeconds(3600);

        store.learn(delivered, GRACE_END);
        store.learn(third, secondEnd);

        assertThat(store.signingKey()).isEqualTo(third);
        assertThat(KeyFile.read(store.file())).containsExactlyInAnyOrder(third, delivered.retiredUntil(secondEnd),
                installed.retiredUntil(GRACE_END));
    }

    @Test
    void aKeyWithoutGracePeriodIsDroppedAtOnce() {
        FleetKeyStore store = FleetKeyStore.open(List.of(installed), stateDir, clock);

        store.learn(delivered, Instant.EPOCH);

        assertThat(store.ring().all()).containsExactly(delivered);
    }

    @Test
    void ignoresAKeyItHoldsAnOlderKeyAndAnotherKeyUnderAHeldId() throws Exception {
        FleetKeyStore store = FleetKeyStore.open(List.of(installed), stateDir, clock);
        store.learn(delivered, GRACE_END);
        String file = Files.readString(store.file());

        assertThat(store.learn(delivered, GRACE_END.plusSeconds(99))).isEqualTo(FleetKeyStore.Learned.ALREADY_HELD);
        assertThat(store.learn(key(5), GRACE_END)).isEqualTo(FleetKeyStore.Learned.NOT_NEWER);
        assertThat(store.learn(key(7), GRACE_END)).isEqualTo(FleetKeyStore.Learned.CONFLICT);

        assertThat(store.signingKey()).isEqualTo(delivered);
        assertThat(Files.readString(store.file())).isEqualTo(file);
    }

    @Test
    void aNewerKeyFileFromTheAdminWinsOverTheLearnedKey() {
        FleetKeyStore.open(List.of(installed), stateDir, clock).learn(delivered, GRACE_END);
        WireKey reinstalled = key(12);

        FleetKeyStore store = FleetKeyStore.open(List.of(reinstalled), stateDir, clock);

        assertThat(store.signingKey()).isEqualTo(reinstalled);
        assertThat(store.ring().find(7, NOW)).isPresent(); // the server may still tag with it until it rotates
    }

    @Test
    void aConfiguredKeyThatDiffersFromTheStoredOneUnderItsIdWinsWithAWarning() {
        FleetKeyStore.open(List.of(installed), stateDir, clock).learn(delivered, GRACE_END);
        WireKey other7 = key(7);

        FleetKeyStore store = FleetKeyStore.open(List.of(installed, other7), stateDir, clock);

        assertThat(store.signingKey()).isEqualTo(other7);
        assertThat(store.warnings()).containsExactly("fleet key 7 in " + store.file()
                + " differs from the configured one; using the configured key");
    }

    @Test
    void aKeyThatCannotBeStoredIsNotUsed() throws Exception {
        Path notADirectory = Files.writeString(stateDir.resolve("state-file"), "x");
        FleetKeyStore store = FleetKeyStore.open(List.of(installed), notADirectory, clock);

        assertThatThrownBy(() -> store.learn(delivered, GRACE_END)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(notADirectory.resolve(FleetKeyStore.FILE_NAME).toString());
        assertThat(store.signingKey()).isEqualTo(installed);
        assertThat(store.ring().all()).containsExactly(installed);
    }

    @Test
    void namesADamagedStoredKeyFile() throws Exception {
        Files.writeString(stateDir.resolve(FleetKeyStore.FILE_NAME), "fleet=7:not-base64!\n");

        assertThatThrownBy(() -> FleetKeyStore.open(List.of(installed), stateDir, clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(stateDir.resolve(FleetKeyStore.FILE_NAME).toString()).hasMessageContaining("fleet");
    }

    @Test
    void refusesToStartWithOnlyExpiredKeys() {
        assertThatThrownBy(() -> FleetKeyStore.open(List.of(installed.retiredUntil(NOW.minusSeconds(1))), stateDir, clock))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("no current fleet key");
    }
}
