package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cascade.contracts.v1.Register;

/**
 * REGISTER's field rules (docs/protocol.md §6.1). The gateway took these over from its own validator; whether
 * a well-formed client version is supported is the gateway's check, not the decoder's.
 */
class RegisterDecodingTest {

    private static Register.Builder valid() {
        return Register.newBuilder().setHostname("pc-0042").setIpAddress("10.1.2.3").setPrefixLength(24)
                .setClientVersion("1.4.2");
    }

    @Test
    void aCompleteRegistrationIsValid() {
        assertThat(decode(valid())).isInstanceOf(DecodedPayload.Valid.class);
    }

    @ParameterizedTest
    @CsvSource({
            "10.1.2.3, 32",
            "0.0.0.0, 0",
            "255.255.255.255, 8",
            "2001:db8::7, 64",
            "::1, 128",
            "fe80::1:2:3:4, 10",
            "::ffff:10.1.2.3, 120",
    })
    void acceptsIpLiteralsWithPrefixesInRange(String ip, int prefix) {
        assertThat(decode(valid().setIpAddress(ip).setPrefixLength(prefix))).isInstanceOf(DecodedPayload.Valid.class);
    }

    @Test
    void hostnameMustHaveOneTo253Characters() {
        assertThat(malformed(valid().setHostname("")).field()).isEqualTo("hostname");
        assertThat(decode(valid().setHostname("h".repeat(253)))).isInstanceOf(DecodedPayload.Valid.class);
        DecodedPayload.Malformed tooLong = malformed(valid().setHostname("h".repeat(254)));
        assertThat(tooLong.field()).isEqualTo("hostname");
        assertThat(tooLong.detail()).contains("254").contains("253");
        assertThat(malformed(valid().setHostname("pc\n42")).detail()).contains("control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pc.example.com", "localhost", "10.1.2", "10.1.2.3.4", "10.1.2.256", "010.1.2.3",
            "10.1.2.-1", "1.2.3.4 ", "2001:db8::7::8", "fe80::1%eth0", "[::1]", ".:", "gggg::1", "12345::1",
            "1:2:3:4:5:6:7:8:9"})
    void ipAddressMustBeAnIpLiteral(String ip) {
        DecodedPayload.Malformed result = malformed(valid().setIpAddress(ip));
        assertThat(result.field()).isEqualTo("ip_address");
        assertThat(result.detail()).startsWith("ip_address");
    }

    @Test
    void aHostNameInIpAddressIsRefusedWithoutResolvingIt() {
        // a name that would take seconds to time out if it were looked up
        long start = System.nanoTime();
        assertThat(malformed(valid().setIpAddress("unresolvable-host-name.invalid")).field()).isEqualTo("ip_address");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.3, 33, 32", "2001:db8::7, 129, 128", "10.1.2.3, -1, 32"})
    void prefixLengthMustFitTheAddressFamily(String ip, int prefix, int max) {
        DecodedPayload.Malformed result = malformed(valid().setIpAddress(ip).setPrefixLength(prefix));
        assertThat(result.field()).isEqualTo("prefix_length");
        assertThat(result.detail()).contains("exceeds " + max);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2", "1.2.x", "v1.2.3", "1.2.3.4", "-1.0.0"})
    void clientVersionMustBeMajorMinorPatch(String version) {
        DecodedPayload.Malformed result = malformed(valid().setClientVersion(version));
        assertThat(result.field()).isEqualTo("client_version");
        assertThat(result.detail()).contains("MAJOR.MINOR.PATCH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.9.9", "2.0.0", "1.5.0-beta.1"})
    void anyWellFormedClientVersionDecodes(String version) {
        assertThat(decode(valid().setClientVersion(version))).isInstanceOf(DecodedPayload.Valid.class);
    }

    @Test
    void anEnumValueThisVersionDoesNotKnowIsMalformed() {
        assertThat(malformed(valid().setDeviceClassValue(42)).field()).isEqualTo("device_class");
        assertThat(malformed(valid().setOsTypeValue(42)).field()).isEqualTo("os_type");
    }

    @Test
    void peerTextQuotedInADetailIsShortenedAndEscaped() {
        DecodedPayload.Malformed result = malformed(valid().setIpAddress("x".repeat(1000)));
        assertThat(result.detail().length()).isLessThan(150);
        assertThat(malformed(valid().setClientVersion("1.\u0007")).detail()).contains("\\u0007");
    }

    private static DecodedPayload decode(Register.Builder register) {
        return PayloadDecoder.decode(MessageType.REGISTER, register.build().toByteArray());
    }

    private static DecodedPayload.Malformed malformed(Register.Builder register) {
        DecodedPayload result = decode(register);
        assertThat(result).isInstanceOf(DecodedPayload.Malformed.class);
        return (DecodedPayload.Malformed) result;
    }
}
