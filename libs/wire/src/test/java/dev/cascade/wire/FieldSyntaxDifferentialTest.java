package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.ActivationRequest;
import dev.cascade.contracts.v1.Register;

/**
 * The hand-written field checks of {@link PayloadDecoder} against the regular expressions and the
 * {@link InetAddress} parse they replaced, over the fuzz corpus and a generated set of valid, almost
 * valid and random texts: they must accept and refuse exactly the same.
 */
class FieldSyntaxDifferentialTest {

    private static final String IPV6_ALPHABET = "0123456789abcdefABCDEF:.";
    private static final String NOISE = ":.0123456789abcdefABCDEFgxX%[]- /";

    @Test
    void ipLiteralsAreRecognisedExactlyAsByTheRegexAndInetAddress() {
        Set<String> texts = new LinkedHashSet<>(handPicked());
        texts.addAll(corpusFields());
        Random random = new Random(4291);
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            valid.add(ipv6(random));
            valid.add(ipv4(random));
        }
        texts.addAll(valid);
        for (String text : valid) {
            texts.add(mutate(text, random));
        }
        for (int i = 0; i < 30_000; i++) {
            texts.add(randomText(random, i % 2 == 0 ? ":.0f" : IPV6_ALPHABET, random.nextInt(48)));
        }
        exhaustive(":.0f9", 6, "", texts);

        int ipv4 = 0;
        int ipv6 = 0;
        for (String text : texts) {
            boolean expectedIpv4 = RegexChecks.isIpv4(text);
            assertThat(IpLiteralSyntax.isIpv4(text)).as("isIpv4(\"%s\")", text).isEqualTo(expectedIpv4);
            if (text.startsWith(".")) {
                // the old check handed such text to the resolver (a DNS query), which found nothing
                assertThat(IpLiteralSyntax.isIpv6(text)).as("isIpv6(\"%s\")", text).isFalse();
                continue;
            }
            boolean expectedIpv6 = RegexChecks.isIpv6(text);
            assertThat(IpLiteralSyntax.isIpv6(text)).as("isIpv6(\"%s\")", text).isEqualTo(expectedIpv6);
            ipv4 += expectedIpv4 ? 1 : 0;
            ipv6 += expectedIpv6 ? 1 : 0;
        }
        // both sides of each check were exercised, not just the refusals
        assertThat(ipv4).isGreaterThan(10_000);
        assertThat(ipv6).isGreaterThan(10_000);
        assertThat(texts.size() - ipv4 - ipv6).isGreaterThan(50_000);
    }

    @Test
    void clientVersionsAreRecognisedExactlyAsByTheRegex() {
        Set<String> texts = new LinkedHashSet<>(List.of("", "1.0.0", "1.0", "1.0.0.0", "01.2.3", "1.2.3-", "1.2.3+",
                "1.2.3-rc.1+build.5", "1.2.3_x", "123456789.123456789.123456789", "1234567890.1.1", "1.1.1234567890",
                "1..1", ".1.1", "1.1.", "1.2.3 ", " 1.2.3", "1.2.3-α", "１.2.3", "1.2.3\n"));
        texts.addAll(corpusFields());
        Random random = new Random(2);
        for (int i = 0; i < 20_000; i++) {
            String version = digits(random, 1 + random.nextInt(10)) + "." + digits(random, 1 + random.nextInt(10))
                    + "." + digits(random, 1 + random.nextInt(10))
                    + (random.nextBoolean() ? "" : randomText(random, "-+.aZz09_ ~é", random.nextInt(8)));
            texts.add(version);
            texts.add(mutate(version, random));
            texts.add(randomText(random, "0123456789.-+aZ", random.nextInt(14)));
        }

        int accepted = 0;
        for (String text : texts) {
            boolean expected = RegexChecks.isSemanticVersion(text);
            assertThat(PayloadDecoder.isSemanticVersion(text)).as("isSemanticVersion(\"%s\")", text).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).isGreaterThan(5_000);
        assertThat(texts.size() - accepted).isGreaterThan(20_000);
    }

    @Test
    void textWithADotFirstIsNeverHandedToTheResolver() {
        assertThat(IpLiteralSyntax.isIpv6(".::")).isFalse();
        assertThat(IpLiteralSyntax.isIpv6(".1.2.3::")).isFalse();
    }

    private static List<String> handPicked() {
        return List.of("", ":", "::", ":::", "::1", "1::", "1:", ":1", "::0", "0::0", "1::2::3", "1:::2",
                "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8::",
                "1:2:3:4::5:6:7:8", "1:2:3:4:5:6:7:", "12345::", "0ffff::", "00000000000ffff::", "10000::",
                "abcd:EF01:2345:6789:abcd:EF01:2345:6789", "fe80::1%eth0", "fe80::1%1", "[::1]", "::1 ", " ::1",
                "::ffff:1.2.3.4", "::FFFF:10.0.0.1", "::ffff:01.02.03.004", "::1.2.3.4", "1.2.3.4::", "::1.2.3",
                "::1.2.3.4.5", "::256.1.1.1", "::1.2.3.256", "::1.2.3.", "::.1.2.3", "::1..2.3",
                "1:2:3:4:5:6:1.2.3.4", "1:2:3:4:5:6:7:1.2.3.4", "1:2:3:4:5::1.2.3.4", "1:2:3:4:5:6::1.2.3.4",
                "::0000000000001.2.3.4", "::1.2.3.0000000000004", "::a.2.3.4", "::1.2.3.4:5", "::1.2.3.4a",
                "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", "0000:0000:0000:0000:0000:0000:0000:00001",
                "0.0.0.0", "255.255.255.255", "256.0.0.0", "01.0.0.0", "00.0.0.0", "1.2.3", "1.2.3.4.", ".1.2.3.4",
                "1.2.3.4.5", "1.2.3.04", "1.2.3.1000", "1.2.3.-1", "1.2.3.4 ", "１.2.3.4", "1.2.3.٤", "localhost",
                "example.com", "a", "f", "ff", "::g", "x::");
    }

    /** ip_address, server_ip and client_version of every Register and ActivationRequest in the decoder's fuzz corpus. */
    private static List<String> corpusFields() {
        List<String> fields = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(FieldSyntaxDifferentialTest.class
                .getResource("PayloadDecoderFuzzTestInputs/decode").toURI()))) {
            for (Path file : files.toList()) {
                byte[] data = Files.readAllBytes(file);
                if (data.length == 0) {
                    continue;
                }
                byte[] payload = Arrays.copyOfRange(data, 1, data.length);
                try {
                    Register register = Register.parseFrom(payload);
                    fields.add(register.getIpAddress());
                    fields.add(register.getClientVersion());
                    fields.add(ActivationRequest.parseFrom(payload).getServerIp());
                } catch (InvalidProtocolBufferException e) {
                    fields.add(new String(payload, StandardCharsets.ISO_8859_1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        assertThat(fields).as("fuzz corpus fields").contains("10.1.2.3", "10.1.2.300", "2001:db8::7", "10.0.0.1", "1.0.0");
        return fields;
    }

    private static String ipv6(Random random) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = random.nextInt(3) == 0 ? 0 : random.nextInt(random.nextBoolean() ? 16 : 0x10000);
        }
        boolean embeddedIpv4 = random.nextInt(4) == 0;
        if (embeddedIpv4 && random.nextBoolean()) { // IPv4-mapped
            Arrays.fill(groups, 0, 5, 0);
            groups[5] = 0xFFFF;
        }
        int last = embeddedIpv4 ? 6 : 8;
        int runStart = -1;
        int runEnd = -1;
        if (random.nextInt(3) > 0) { // "::" over some run of zero groups (not always the longest)
            for (int i = random.nextInt(last); i < last && runStart < 0; i++) {
                if (groups[i] == 0) {
                    runStart = i;
                    runEnd = i;
                    while (runEnd + 1 < last && groups[runEnd + 1] == 0 && random.nextInt(5) > 0) {
                        runEnd++;
                    }
                }
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < last; i++) {
            if (i == runStart) {
                text.append("::");
                i = runEnd;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            String hex = Integer.toHexString(groups[i]);
            int zeros = random.nextInt(4) == 0 ? random.nextInt(4) : 0;
            text.append("0".repeat(zeros)).append(random.nextBoolean() ? hex : hex.toUpperCase(Locale.ROOT));
        }
        if (embeddedIpv4) {
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(ipv4Numbers(random, true));
        }
        return text.toString();
    }

    private static String ipv4(Random random) {
        return ipv4Numbers(random, random.nextInt(10) == 0);
    }

    private static String ipv4Numbers(Random random, boolean leadingZeros) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            int value = random.nextInt(20) == 0 ? random.nextInt(1000) : random.nextInt(256);
            text.append(i == 0 ? "" : ".").append(leadingZeros && random.nextBoolean() ? "0" : "").append(value);
        }
        return text.toString();
    }

    private static String mutate(String text, Random random) {
        StringBuilder mutated = new StringBuilder(text);
        int edits = 1 + random.nextInt(2);
        for (int e = 0; e < edits; e++) {
            int at = mutated.length() == 0 ? 0 : random.nextInt(mutated.length());
            char c = NOISE.charAt(random.nextInt(NOISE.length()));
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (mutated.length() > 0) {
                        mutated.deleteCharAt(at);
                    }
                }
                case 1 -> mutated.insert(at, c);
                case 2 -> {
                    if (mutated.length() > 0) {
                        mutated.setCharAt(at, c);
                    }
                }
                case 3 -> mutated.insert(at, mutated.substring(at, Math.min(mutated.length(), at + 1 + random.nextInt(5))));
                default -> mutated.setLength(at);
            }
        }
        return mutated.toString();
    }

    private static void exhaustive(String alphabet, int maxLength, String prefix, Set<String> out) {
        out.add(prefix);
        if (prefix.length() < maxLength) {
            for (int i = 0; i < alphabet.length(); i++) {
                exhaustive(alphabet, maxLength, prefix + alphabet.charAt(i), out);
            }
        }
    }

    private static String randomText(Random random, String alphabet, int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static String digits(Random random, int count) {
        return randomText(random, "0123456789", count);
    }

    /** The checks {@link PayloadDecoder} used before it had {@link IpLiteralSyntax}, verbatim: the oracle. */
    private static final class RegexChecks {

        private static final Pattern SEMVER = Pattern.compile("\\d{1,9}\\.\\d{1,9}\\.\\d{1,9}([-+][0-9A-Za-z.+-]*)?");
        private static final Pattern IPV4 = Pattern.compile(
                "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
        private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

        static boolean isSemanticVersion(String text) {
            return SEMVER.matcher(text).matches();
        }

        static boolean isIpv4(String text) {
            return IPV4.matcher(text).matches();
        }

        static boolean isIpv6(String text) {
            if (!text.contains(":") || !IPV6.matcher(text).matches()) {
                return false;
            }
            try {
                InetAddress.getByName(text);
                return true;
            } catch (UnknownHostException | RuntimeException e) {
                return false;
            }
        }
    }
}
