package dev.cascade.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** IPv4 literals: exactly four decimal parts 0..255, no leading zeros, nothing else. */
class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.1.2.3", "255.255.255.255", "192.168.100.9", "1.20.255.0"})
    void acceptsDottedQuads(String text) throws Exception {
        assertThat(IpLiteral.parse(text)).contains(new IpLiteral(InetAddress.getByName(text), false));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.1.2", "10.1.2.3.4", "10.1.2.256", "010.1.2.3", "10.01.2.3", "10.1.2.00", "10..2.3",
            ".10.1.2", "10.1.2.", "10.1.2.3 ", " 10.1.2.3", "1000.1.2.3", "10.1.2.-1", "10.1.2.+3", "１.2.3.4", "a.b.c.d",
            "4294967295", "0x0a.1.2.3", "10.1.2.3/24"})
    void refusesEverythingElse(String text) {
        assertThat(IpLiteral.parse(text)).isEmpty();
    }

    /** Against a plain reference over random strings of digits and dots, where the edge cases live. */
    @Test
    void agreesWithAReferenceParserOnRandomInput() {
        Random random = new Random(7);
        char[] alphabet = "0123456789.".toCharArray();
        for (int i = 0; i < 200_000; i++) {
            int length = 1 + random.nextInt(16);
            StringBuilder text = new StringBuilder(length);
            for (int c = 0; c < length; c++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            String candidate = text.toString();
            assertThat(IpLiteral.parse(candidate).map(IpLiteral::address)).as(candidate).isEqualTo(reference(candidate));
        }
    }

    private static Optional<InetAddress> reference(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (!part.matches("0|[1-9][0-9]{0,2}") || Integer.parseInt(part) > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) Integer.parseInt(part);
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
