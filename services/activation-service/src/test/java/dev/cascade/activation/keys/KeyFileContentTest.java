package dev.cascade.activation.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;

class KeyFileContentTest {

    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void writesTheCurrentKeysAndEveryRetiredKeyStillInItsGracePeriod() {
        List<StoredKey> ring = List.of(
                key(1, KeyPurpose.FLEET, NOW.plus(Duration.ofDays(2))),
                key(2, KeyPurpose.CONNECTOR, NOW.plus(Duration.ofDays(1))),
                key(3, KeyPurpose.CONNECTOR, NOW.plus(Duration.ofDays(5))),
                key(4, KeyPurpose.CONNECTOR, null),
                key(5, KeyPurpose.FLEET, null));

        List<WireKey> keys = KeyFileContent.select(ring, NOW);

        assertThat(keys).extracting(WireKey::id, WireKey::purpose, WireKey::notAfter).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5L, KeyPurpose.FLEET, null),
                org.assertj.core.groups.Tuple.tuple(1L, KeyPurpose.FLEET, NOW.plus(Duration.ofDays(2))),
                org.assertj.core.groups.Tuple.tuple(4L, KeyPurpose.CONNECTOR, null),
                org.assertj.core.groups.Tuple.tuple(2L, KeyPurpose.CONNECTOR, NOW.plus(Duration.ofDays(1))),
                org.assertj.core.groups.Tuple.tuple(3L, KeyPurpose.CONNECTOR, NOW.plus(Duration.ofDays(5))));
    }

    @Test
    void leavesOutRetiredKeysWhoseGraceEnded() {
        List<StoredKey> ring = List.of(key(1, KeyPurpose.FLEET, NOW), key(2, KeyPurpose.FLEET, null), key(3, KeyPurpose.CONNECTOR, null));

        assertThat(KeyFileContent.select(ring, NOW)).extracting(WireKey::id).containsExactly(2L, 3L);
    }

    @Test
    void aKeyReadFromAKeyFileKeepsItsSecretAndGrace() {
        WireKey key = WireKey.parse("9:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", KeyPurpose.CONNECTOR).retiredUntil(NOW);

        StoredKey stored = StoredKey.of(key, NOW);

        assertThat(stored.text()).isEqualTo("9:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
        assertThat(stored.toWireKey()).isEqualTo(key);
        assertThat(stored.validAt(NOW.minusMillis(1))).isTrue();
        assertThat(stored.validAt(NOW)).isFalse();
    }

    private static StoredKey key(long id, KeyPurpose family, Instant retiredUntil) {
        byte[] secret = new byte[32];
        secret[0] = (byte) id;
        return new StoredKey(id, family, secret, NOW.minus(Duration.ofDays(30)), retiredUntil);
    }
}
