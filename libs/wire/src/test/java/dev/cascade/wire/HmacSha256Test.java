package dev.cascade.wire;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** The precomputed-pad HMAC against RFC 4231 and against the JDK's own HmacSHA256. */
class HmacSha256Test {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void matchesTheTestVectorsOfRfc4231() {
        byte[] key131 = repeat(0xaa, 131);
        assertVector(repeat(0x0b, 20), ascii("Hi There"),
                "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
        assertVector(ascii("Jefe"), ascii("what do ya want for nothing?"),
                "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertVector(repeat(0xaa, 20), repeat(0xdd, 50),
                "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
        assertVector(HEX.parseHex("0102030405060708090a0b0c0d0e0f10111213141516171819"), repeat(0xcd, 50),
                "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
        // case 5 publishes the tag truncated to 128 bits
        byte[] truncated = tagOf(repeat(0x0c, 20), ascii("Test With Truncation"));
        assertThat(HEX.formatHex(truncated, 0, 16)).isEqualTo("a3b6167473100ee06e0c796c2955552b");
        assertVector(key131, ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
                "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
        assertVector(key131, ascii("This is a test using a larger than block-size key and a larger than block-size data."
                        + " The key needs to be hashed before being used by the HMAC algorithm."),
                "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
    }

    @Test
    void isBitIdenticalToTheJdkMacForRandomKeysAndLengthsWhenReused() throws GeneralSecurityException {
        Random random = new Random(20261125);
        for (int k = 0; k < 40; k++) {
            byte[] key = bytes(random, 1 + random.nextInt(k % 4 == 0 ? 200 : 64)); // keys below, at and above a block
            HmacSha256 hmac = new HmacSha256(key);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (int m = 0; m < 60; m++) { // one instance, many messages: nothing carries over between them
                int length = m < 4 ? new int[] {0, 55, 56, 64}[m] : random.nextInt(2001);
                int offset = random.nextInt(8);
                byte[] data = bytes(random, offset + length + random.nextInt(8));
                mac.update(data, offset, length);
                byte[] expected = mac.doFinal();

                byte[] out = new byte[40];
                int outOffset = random.nextInt(9);
                hmac.tag(data, offset, length, out, outOffset);

                assertThat(Arrays.copyOfRange(out, outOffset, outOffset + 32))
                        .as("key of %d bytes, message of %d bytes", key.length, length).isEqualTo(expected);
                assertThat(hmac.matches(data, offset, length, out, outOffset)).isTrue();
            }
        }
    }

    @Test
    void refusesEveryTagThatDiffersInOneBitAndLeavesTheReceivedTagAsItWas() {
        byte[] key = bytes(new Random(1), 32);
        byte[] data = bytes(new Random(2), 100);
        HmacSha256 hmac = new HmacSha256(key);
        byte[] tag = new byte[32 + 3];
        hmac.tag(data, 0, data.length, tag, 3);
        for (int bit = 0; bit < 256; bit++) {
            byte[] wrong = tag.clone();
            wrong[3 + bit / 8] ^= (byte) (1 << (bit % 8));

            byte[] received = wrong.clone();

            assertThat(hmac.matches(data, 0, data.length, wrong, 3)).as("bit %d flipped", bit).isFalse();
            assertThat(wrong).isEqualTo(received);
        }
        assertThat(hmac.matches(data, 0, data.length, tag, 3)).isTrue();
    }

    @Test
    void refusesATagThatDoesNotFitTheArray() {
        HmacSha256 hmac = new HmacSha256(new byte[32]);
        byte[] data = new byte[10];

        assertThatThrownBy(() -> hmac.matches(data, 0, 10, new byte[40], 9))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("a tag of 32 bytes at 9 does not fit in 40 bytes");
    }

    @Test
    void perThreadDatagramHmacAgreesWithTheJdkForAWireKey() throws GeneralSecurityException {
        byte[] secret = bytes(new Random(3), WireKey.SECRET_SIZE);
        WireKey key = new WireKey(12, KeyPurpose.FLEET, secret, null);
        byte[] data = bytes(new Random(4), 132);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        mac.update(data, 0, 100);

        byte[] tag = new byte[32];
        Hmac.tag(key, data, 0, 100, tag, 0);

        assertThat(tag).isEqualTo(mac.doFinal());
        System.arraycopy(tag, 0, data, 100, 32);
        assertThat(Hmac.verify(key, data, 0, 100, data, 100)).isTrue();
        data[0] ^= 1;
        assertThat(Hmac.verify(key, data, 0, 100, data, 100)).isFalse();
    }

    private static void assertVector(byte[] key, byte[] data, String expectedHex) {
        assertThat(HEX.formatHex(tagOf(key, data))).isEqualTo(expectedHex);
    }

    private static byte[] tagOf(byte[] key, byte[] data) {
        byte[] tag = new byte[32];
        new HmacSha256(key).tag(data, 0, data.length, tag, 0);
        return tag;
    }

    private static byte[] repeat(int value, int count) {
        byte[] bytes = new byte[count];
        Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(US_ASCII);
    }

    private static byte[] bytes(Random random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }
}
