package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.UUID;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/** The whole receive path on hostile bytes: never throws, and accepts only datagrams tagged with a key it holds. */
class DatagramVerifierFuzzTest {

    @FuzzTest
    void verifyArbitraryBytes(byte[] data) {
        Verification verification = FuzzKeys.verifier().verify(data, data.length);

        if (verification instanceof Verification.Accepted accepted) {
            Header header = accepted.datagram().header();
            WireKey key = header.keyId() == FuzzKeys.FLEET.id() ? FuzzKeys.FLEET : FuzzKeys.CONNECTOR;
            assertThat(header.keyId()).isIn(FuzzKeys.FLEET.id(), FuzzKeys.CONNECTOR.id());
            assertThat(accepted.datagram().type().requiredPurpose().permits(key.purpose())).isTrue();
            int signed = Header.SIZE + header.payloadLength();
            assertThat(data).hasSize(signed + Header.TAG_SIZE);
            byte[] expectedTag = new byte[Header.TAG_SIZE];
            Hmac.tag(key, data, 0, signed, expectedTag, 0);
            assertThat(Arrays.copyOfRange(data, signed, data.length)).isEqualTo(expectedTag);
            assertThat(accepted.datagram().payload()).isEqualTo(Arrays.copyOfRange(data, Header.SIZE, signed));
        } else {
            assertThat(((Verification.Dropped) verification).reason()).isNotNull();
        }
    }

    /** A correctly tagged datagram with some bytes changed: accepted only if the changes left it as it was. */
    @FuzzTest
    void verifyTamperedDatagram(FuzzedDataProvider data) {
        MessageType type = data.pickValue(MessageType.values());
        WireKey key = type.requiredPurpose() == KeyPurpose.CONNECTOR ? FuzzKeys.CONNECTOR : FuzzKeys.FLEET;
        long timestamp = FuzzKeys.CLOCK.millis() + data.consumeLong(-300_000, 300_000);
        byte[] payload = data.consumeBytes(data.consumeInt(0, 2000));
        byte[] original = DatagramCodec.encode(type, new UUID(data.consumeLong(), data.consumeLong()), key,
                data.consumeLong(0, Long.MAX_VALUE), timestamp, payload);
        byte[] tampered = original.clone();
        int changes = data.consumeInt(0, 4);
        for (int i = 0; i < changes; i++) {
            tampered[data.consumeInt(0, tampered.length - 1)] ^= data.consumeByte();
        }
        int length = data.consumeBoolean() ? tampered.length : data.consumeInt(0, tampered.length);

        Verification verification = FuzzKeys.verifier().verify(tampered, length);

        boolean unchanged = length == original.length && Arrays.equals(tampered, original);
        if (verification instanceof Verification.Accepted) {
            assertThat(unchanged || taggedWithKey(tampered, length, key))
                    .as("accepted a datagram that is not tagged with the key").isTrue();
        } else {
            assertThat(unchanged).as("dropped an intact datagram: " + verification).isFalse();
        }
    }

    private static boolean taggedWithKey(byte[] data, int length, WireKey key) {
        int signed = length - Header.TAG_SIZE;
        byte[] tag = new byte[Header.TAG_SIZE];
        Hmac.tag(key, data, 0, signed, tag, 0);
        return Arrays.equals(tag, Arrays.copyOfRange(data, signed, length));
    }
}
