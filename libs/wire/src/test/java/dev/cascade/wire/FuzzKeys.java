package dev.cascade.wire;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;

/** The fixed keys and clock of the fuzz tests, so that committed seed datagrams stay valid (protocol.md §9's fleet key). */
final class FuzzKeys {

    static final WireKey FLEET = new WireKey(1, KeyPurpose.FLEET, range(0), null);
    static final WireKey CONNECTOR = new WireKey(2, KeyPurpose.CONNECTOR, range(32), null);
    /** The worked example's timestamp, 2026-11-25T04:00:00Z. */
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_795_680_000_000L), ZoneOffset.UTC);

    private FuzzKeys() {
    }

    static DatagramVerifier verifier() {
        return new DatagramVerifier(KeyRing.of(FLEET, CONNECTOR), new ReplayGuard(16), Duration.ofSeconds(300), CLOCK,
                EnumSet.allOf(MessageType.class));
    }

    private static byte[] range(int from) {
        byte[] secret = new byte[32];
        for (int i = 0; i < 32; i++) {
            secret[i] = (byte) (from + i);
        }
        return secret;
    }
}
