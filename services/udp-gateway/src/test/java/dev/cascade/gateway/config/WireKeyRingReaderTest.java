package dev.cascade.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.RingKey;
import dev.cascade.contracts.v1.WireKeyRing;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;

class WireKeyRingReaderTest {

    private static final String WHERE = "activation-service at as:9085";

    static RingKey key(int id, String family, long retiredUntil) {
        return RingKey.newBuilder().setId(id).setFamily(family).setSecret(ByteString.copyFrom(new byte[32]))
                .setRetiredUntilUnixMs(retiredUntil).build();
    }

    static WireKeyRing ring(long revision, RingKey... keys) {
        return WireKeyRing.newBuilder().setRevision(revision).addAllKeys(List.of(keys)).build();
    }

    @Test
    void currentAndRetiredKeysOfBothFamiliesBecomeWireKeys() {
        long until = Instant.parse("2030-01-01T00:00:00Z").toEpochMilli();
        List<WireKey> keys = WireKeyRingReader.read(ring(4, key(5, "fleet", 0), key(3, "fleet", until),
                key(6, "connector", 0)), WHERE);

        assertThat(keys).extracting(WireKey::id).containsExactly(5L, 3L, 6L);
        assertThat(keys).extracting(WireKey::purpose)
                .containsExactly(KeyPurpose.FLEET, KeyPurpose.FLEET, KeyPurpose.CONNECTOR);
        assertThat(keys).extracting(WireKey::notAfter).containsExactly(null, Instant.ofEpochMilli(until), null);
    }

    @Test
    void aRingWithoutACurrentFleetKeyIsRefusedNamingSourceAndRevision() {
        assertThatThrownBy(() -> WireKeyRingReader.read(ring(9, key(5, "fleet", 1_000), key(6, "connector", 0)), WHERE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(WHERE + ", key ring revision 9")
                .hasMessageContaining("no current 'fleet' key");
    }

    @Test
    void malformedKeysAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> WireKeyRingReader.read(ring(1, key(5, "fleet", 0), key(5, "connector", 0)), WHERE))
                .hasMessageContaining("two keys share id 5");
        assertThatThrownBy(() -> WireKeyRingReader.read(ring(1, key(5, "fleet", 0), key(7, "peer", 0)), WHERE))
                .hasMessageContaining("keys[1] (key 7): family 'peer' is not 'fleet' or 'connector'");
        assertThatThrownBy(() -> WireKeyRingReader.read(ring(1, key(0, "fleet", 0)), WHERE))
                .hasMessageContaining("keys[0]: id is 0");
        assertThatThrownBy(() -> WireKeyRingReader.read(ring(1, key(5, "fleet", 0).toBuilder()
                .setSecret(ByteString.copyFrom(new byte[16])).build()), WHERE))
                .hasMessageContaining("(key 5): secret has 16 bytes; expected 32");
        assertThatThrownBy(() -> WireKeyRingReader.read(ring(1, key(5, "fleet", 0), key(4, "fleet", -5)), WHERE))
                .hasMessageContaining("retired_until_unix_ms -5 is negative");
    }
}
