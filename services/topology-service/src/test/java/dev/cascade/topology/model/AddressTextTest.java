package dev.cascade.topology.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import inet.ipaddr.IPAddress;

/** The fast readers accept only what {@link OfficeResolver#parse} accepts, and read the same value. */
class AddressTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.1.2.3", "255.255.255.255", "192.168.100.1", "1.22.133.4"})
    void plainDottedQuadsAreReadToTheirValue(String text) {
        assertThat(AddressText.ipv4(text)).isEqualTo(OfficeResolver.parse(text).getValue().longValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"010.1.2.3", "10.1.2.256", "10.1.2", "10.1.2.3.4", "10.1.2.", ".10.1.2", "10..1.2",
            " 10.1.2.3", "10.1.2.3 ", "1000.1.2.3", "a.b.c.d", "10.1.2.3/24", "::1", ""})
    void anythingElseIsLeftToTheFullParser(String text) {
        assertThat(AddressText.ipv4(text)).isEqualTo(AddressText.NOT_READ);
    }

    @ParameterizedTest
    @ValueSource(strings = {"::", "::1", "2001:db8::7", "2001:DB8:0:0:0:0:0:7", "fe80::1:2", "1::", "1:2:3:4:5::",
            "2001:db8:1:2:3:4:5:6", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0:0:0:0:0:0:0:1"})
    void plainIpv6TextsAreReadToTheirValue(String text) {
        long[] out = new long[2];
        assertThat(AddressText.ipv6(text, out)).isTrue();
        assertThat(value(out)).isEqualTo(OfficeResolver.parse(text).getValue());
    }

    @ParameterizedTest
    @ValueSource(strings = {":::", "1:::2", "1::2::3", ":1::2", "1::2:", "1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9",
            "12345::1", "g::1", "::ffff:10.1.2.3", "fe80::1%eth0", " ::1", "::1 ", "1:2:3:4:5:6::8", "2001:db8::/48", ""})
    void anythingElseIsNotReadAsPlainIpv6(String text) {
        assertThat(AddressText.ipv6(text, new long[2])).isFalse();
    }

    @Test
    void randomTextsNeverDisagreeWithTheFullParser() {
        Random random = new Random(7);
        String alphabet = "0123456789abcdefABCDEF:.:%/ ";
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int length = 1 + random.nextInt(20);
            for (int c = 0; c < length; c++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            texts.add(text.toString());
        }
        for (int i = 0; i < 50_000; i++) {
            texts.add(random.nextInt(300) + "." + random.nextInt(300) + "." + random.nextInt(300) + "." + random.nextInt(300));
            StringBuilder v6 = new StringBuilder();
            int groups = 1 + random.nextInt(8);
            int gap = random.nextInt(groups + 2);
            for (int g = 0; g < groups; g++) {
                v6.append(g == gap ? "::" : g == 0 ? "" : ":").append(Integer.toHexString(random.nextInt(1 << (4 * (1 + random.nextInt(4))))));
            }
            texts.add(v6.toString());
        }
        int read = 0;
        for (String text : texts) {
            IPAddress parsed = parsedOrNull(text);
            long v4 = AddressText.ipv4(text);
            if (v4 != AddressText.NOT_READ) {
                read++;
                assertThat(parsed).as(text).isNotNull();
                assertThat(parsed.isIPv4()).as(text).isTrue();
                assertThat(v4).as(text).isEqualTo(parsed.getValue().longValue());
            }
            long[] out = new long[2];
            if (AddressText.ipv6(text, out)) {
                read++;
                assertThat(parsed).as(text).isNotNull();
                assertThat(value(out)).as(text).isEqualTo(parsed.isIPv6() ? parsed.getValue()
                        : parsed.getValue().or(BigInteger.valueOf(0xffffL).shiftLeft(32))); // ::ffff:a.b.c.d reads as IPv4
            }
        }
        assertThat(read).as("the generator makes plain addresses too").isGreaterThan(20_000);
    }

    private static IPAddress parsedOrNull(String text) {
        try {
            return OfficeResolver.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static BigInteger value(long[] out) {
        return new BigInteger(Long.toUnsignedString(out[0])).shiftLeft(64).or(new BigInteger(Long.toUnsignedString(out[1])));
    }
}
