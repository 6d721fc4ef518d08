package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.Register;

class DatagramVerifierTest {

    private static final Instant NOW = Instant.parse("2026-11-20T12:00:00Z");
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    private final WireKey fleet = new WireKey(7, KeyPurpose.FLEET, randomSecret(), null);
    private final WireKey connector = new WireKey(9, KeyPurpose.CONNECTOR, randomSecret(), null);
    private final KeyRing ring = KeyRing.of(fleet, connector);
    private final DatagramVerifier verifier = new DatagramVerifier(ring, new ReplayGuard(100), Duration.ofMinutes(5),
            clock, Set.of(MessageType.REGISTER));
    private final UUID peer = UUID.randomUUID();
    private final byte[] payload = Register.newBuilder().setHostname("pc-0042").setClientVersion("1.0.0").build().toByteArray();

    @Test
    void acceptsAnAuthenticDatagramAndReturnsItsHeaderAndPayload() {
        byte[] datagram = DatagramCodec.encode(MessageType.REGISTER, peer, fleet, 42, NOW.toEpochMilli(), payload);

        Verification result = verifier.verify(datagram, datagram.length);

        assertThat(result).isInstanceOf(Verification.Accepted.class);
        Datagram accepted = ((Verification.Accepted) result).datagram();
        assertThat(accepted.type()).isEqualTo(MessageType.REGISTER);
        assertThat(accepted.header().senderId()).isEqualTo(peer);
        assertThat(accepted.header().sequence()).isEqualTo(42);
        assertThat(accepted.header().keyId()).isEqualTo(7);
        assertThat(accepted.payload()).isEqualTo(payload);
        assertThat(datagram.length).isEqualTo(Header.SIZE + payload.length + Header.TAG_SIZE);
    }

    @Test
    void dropsEveryTamperedByte() {
        byte[] datagram = DatagramCodec.encode(MessageType.REGISTER, peer, fleet, 1, NOW.toEpochMilli(), payload);
        for (int i = 0; i < datagram.length; i++) {
            byte[] tampered = datagram.clone();
            tampered[i] ^= 0x01;
            Verification result = verifier.verify(tampered, tampered.length);
            assertThat(result).as("flipped bit in byte %d", i).isInstanceOf(Verification.Dropped.class);
        }
    }

    @Test
    void namesTheReasonForEachKindOfBadDatagram() {
        byte[] good = DatagramCodec.encode(MessageType.REGISTER, peer, fleet, 5, NOW.toEpochMilli(), payload);

        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        assertThat(reason(badMagic, badMagic.length)).isEqualTo(DropReason.BAD_MAGIC);

        byte[] badVersion = good.clone();
        badVersion[4] = 2;
        assertThat(reason(badVersion, badVersion.length)).isEqualTo(DropReason.UNSUPPORTED_VERSION);

        assertThat(reason(good, good.length - 1)).isEqualTo(DropReason.BAD_LENGTH);
        assertThat(reason(good, 3)).isEqualTo(DropReason.BAD_LENGTH);
        assertThat(reason(new byte[0], 0)).isEqualTo(DropReason.BAD_LENGTH);

        byte[] badTag = good.clone();
        badTag[badTag.length - 1] ^= 0x55;
        assertThat(reason(badTag, badTag.length)).isEqualTo(DropReason.BAD_TAG);

        WireKey stranger = new WireKey(7, KeyPurpose.FLEET, randomSecret(), null);
        byte[] wrongSecret = DatagramCodec.encode(MessageType.REGISTER, peer, stranger, 6, NOW.toEpochMilli(), payload);
        assertThat(reason(wrongSecret, wrongSecret.length)).isEqualTo(DropReason.BAD_TAG);

        WireKey unknown = new WireKey(99, KeyPurpose.FLEET, randomSecret(), null);
        byte[] unknownKey = DatagramCodec.encode(MessageType.REGISTER, peer, unknown, 7, NOW.toEpochMilli(), payload);
        assertThat(reason(unknownKey, unknownKey.length)).isEqualTo(DropReason.UNKNOWN_KEY);

        byte[] stale = DatagramCodec.encode(MessageType.REGISTER, peer, fleet, 8, NOW.minusSeconds(301).toEpochMilli(), payload);
        assertThat(reason(stale, stale.length)).isEqualTo(DropReason.STALE_TIMESTAMP);

        byte[] ack = DatagramCodec.encode(MessageType.ACK, peer, fleet, 9, NOW.toEpochMilli(), new byte[0]);
        assertThat(reason(ack, ack.length)).isEqualTo(DropReason.UNKNOWN_TYPE);
    }

    @Test
    void theConnectorKeyCannotSpeakForAPeer() {
        byte[] datagram = DatagramCodec.encode(MessageType.REGISTER, peer, connector, 1, NOW.toEpochMilli(), payload);
        assertThat(reason(datagram, datagram.length)).isEqualTo(DropReason.UNKNOWN_KEY);
    }

    @Test
    void rejectsAReplayButAcceptsReorderingInsideTheWindow() {
        byte[] first = DatagramCodec.encode(MessageType.REGISTER, peer, fleet, 5000, NOW.toEpochMilli(), payload);
        byte[] earlier = DatagramCodec.encode(MessageType.REGISTER, peer, fleet, 5000 - 1500, NOW.toEpochMilli(), payload);
        byte[] tooOld = DatagramCodec.encode(MessageType.REGISTER, peer, fleet, 5000 - ReplayWindow.SIZE, NOW.toEpochMilli(), payload);

        assertThat(verifier.verify(first, first.length)).isInstanceOf(Verification.Accepted.class);
        assertThat(reason(first, first.length)).isEqualTo(DropReason.REPLAY);
        assertThat(verifier.verify(earlier, earlier.length)).isInstanceOf(Verification.Accepted.class);
        assertThat(reason(earlier, earlier.length)).isEqualTo(DropReason.REPLAY);
        assertThat(reason(tooOld, tooOld.length)).isEqualTo(DropReason.REPLAY);
    }

    @Test
    void aForgedDatagramDoesNotAdvanceTheSendersWindow() {
        WireKey forger = new WireKey(7, KeyPurpose.FLEET, randomSecret(), null);
        byte[] forged = DatagramCodec.encode(MessageType.REGISTER, peer, forger, 1_000_000, NOW.toEpochMilli(), payload);
        assertThat(reason(forged, forged.length)).isEqualTo(DropReason.BAD_TAG);

        byte[] genuine = DatagramCodec.encode(MessageType.REGISTER, peer, fleet, 10, NOW.toEpochMilli(), payload);
        assertThat(verifier.verify(genuine, genuine.length)).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void aRetiredKeyVerifiesUntilTheEndOfItsGracePeriod() {
        WireKey next = new WireKey(8, KeyPurpose.FLEET, randomSecret(), null);
        ring.replaceAll(Set.of(fleet.retiredUntil(NOW.plusSeconds(60)), next, connector));
        byte[] old = DatagramCodec.encode(MessageType.REGISTER, peer, fleet, 1, NOW.toEpochMilli(), payload);
        byte[] fresh = DatagramCodec.encode(MessageType.REGISTER, peer, next, 2, NOW.toEpochMilli(), payload);
        assertThat(verifier.verify(old, old.length)).isInstanceOf(Verification.Accepted.class);
        assertThat(verifier.verify(fresh, fresh.length)).isInstanceOf(Verification.Accepted.class);
        assertThat(ring.current(KeyPurpose.FLEET)).contains(next);

        ring.replaceAll(Set.of(fleet.retiredUntil(NOW), next, connector));
        byte[] late = DatagramCodec.encode(MessageType.REGISTER, peer, fleet, 3, NOW.toEpochMilli(), payload);
        assertThat(reason(late, late.length)).isEqualTo(DropReason.UNKNOWN_KEY);
    }

    @Test
    void parsesAndFormatsTheKeyTextForm() {
        WireKey parsed = WireKey.parse(fleet.format(), KeyPurpose.FLEET);
        assertThat(parsed).isEqualTo(fleet);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WireKey.parse("nokey", KeyPurpose.FLEET))
                .hasMessageContaining("<id>:<base64");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WireKey.parse("3:AAAA", KeyPurpose.FLEET))
                .hasMessageContaining("32 bytes");
    }

    private DropReason reason(byte[] data, int length) {
        Verification result = verifier.verify(data, length);
        assertThat(result).isInstanceOf(Verification.Dropped.class);
        return ((Verification.Dropped) result).reason();
    }

    static byte[] randomSecret() {
        byte[] secret = new byte[WireKey.SECRET_SIZE];
        new SecureRandom().nextBytes(secret);
        return secret;
    }
}
