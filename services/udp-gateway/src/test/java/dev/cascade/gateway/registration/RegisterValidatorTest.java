package dev.cascade.gateway.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cascade.contracts.v1.Register;
import dev.cascade.gateway.ingest.PayloadValidation;
import dev.cascade.wire.VersionRange;

class RegisterValidatorTest {

    private final RegisterValidator validator = new RegisterValidator(new VersionRange("1.0.0", "1.99.99"));

    private static Register.Builder valid() {
        return Register.newBuilder().setHostname("pc-0042").setIpAddress("10.1.2.3").setPrefixLength(24)
                .setClientVersion("1.4.2");
    }

    @Test
    void aCompleteRegistrationIsValid() {
        assertThat(validator.validate(valid().build())).isInstanceOf(PayloadValidation.Valid.class);
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
        assertThat(validator.validate(valid().setIpAddress(ip).setPrefixLength(prefix).build()))
                .isInstanceOf(PayloadValidation.Valid.class);
    }

    @Test
    void hostnameMustHaveOneTo253Characters() {
        assertThat(malformed(valid().setHostname(""))).extracting("field").isEqualTo("hostname");
        assertThat(validator.validate(valid().setHostname("h".repeat(253)).build()))
                .isInstanceOf(PayloadValidation.Valid.class);
        PayloadValidation.Malformed tooLong = malformed(valid().setHostname("h".repeat(254)));
        assertThat(tooLong.field()).isEqualTo("hostname");
        assertThat(tooLong.detail()).contains("254").contains("253");
        assertThat(malformed(valid().setHostname("pc\n42")).detail()).contains("control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pc.example.com", "localhost", "10.1.2", "10.1.2.3.4", "10.1.2.256", "010.1.2.3",
            "10.1.2.-1", "1.2.3.4 ", "2001:db8::7::8", "fe80::1%eth0", "[::1]", ".:", "gggg::1", "12345::1",
            "1:2:3:4:5:6:7:8:9"})
    void ipAddressMustBeAnIpLiteral(String ip) {
        PayloadValidation.Malformed result = malformed(valid().setIpAddress(ip));
        assertThat(result.field()).isEqualTo("ip_address");
        assertThat(result.detail()).startsWith("ip_address");
    }

    @Test
    void aHostNameInIpAddressIsRefusedWithoutResolvingIt() {
        // a name that would take seconds to time out if it were looked up
        long start = System.nanoTime();
        assertThat(malformed(valid().setIpAddress("unresolvable-host-name.invalid")).field()).isEqualTo("ip_address");
        assertThat(IpLiteral.parse("unresolvable-host-name.invalid")).isEmpty();
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(500);
    }

    @ParameterizedTest
    @CsvSource({"10.1.2.3, 33, 32", "2001:db8::7, 129, 128", "10.1.2.3, -1, 32"})
    void prefixLengthMustFitTheAddressFamily(String ip, int prefix, int max) {
        PayloadValidation.Malformed result = malformed(valid().setIpAddress(ip).setPrefixLength(prefix));
        assertThat(result.field()).isEqualTo("prefix_length");
        assertThat(result.detail()).contains("exceeds " + max);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1.2", "1.2.x", "v1.2.3", "1.2.3.4", "-1.0.0"})
    void clientVersionMustBeMajorMinorPatch(String version) {
        PayloadValidation.Malformed result = malformed(valid().setClientVersion(version));
        assertThat(result.field()).isEqualTo("client_version");
        assertThat(result.detail()).contains("MAJOR.MINOR.PATCH");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.9.9", "2.0.0", "1.100.0"})
    void clientVersionOutsideTheRangeIsUnsupportedNotMalformed(String version) {
        PayloadValidation result = validator.validate(valid().setClientVersion(version).build());
        assertThat(result).isInstanceOf(PayloadValidation.UnsupportedClientVersion.class);
        PayloadValidation.UnsupportedClientVersion unsupported = (PayloadValidation.UnsupportedClientVersion) result;
        assertThat(unsupported.clientVersion()).isEqualTo(version);
        assertThat(unsupported.supported()).isEqualTo(new VersionRange("1.0.0", "1.99.99"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0", "1.99.99", "1.5.0-beta.1"})
    void clientVersionsInsideTheRangeAreValid(String version) {
        assertThat(validator.validate(valid().setClientVersion(version).build()))
                .isInstanceOf(PayloadValidation.Valid.class);
    }

    @Test
    void peerTextQuotedInADetailIsShortenedAndEscaped() {
        PayloadValidation.Malformed result = malformed(valid().setIpAddress("x".repeat(1000)));
        assertThat(result.detail().length()).isLessThan(150);
        assertThat(malformed(valid().setClientVersion("1.\u0007")).detail()).contains("\\u0007");
    }

    private PayloadValidation.Malformed malformed(Register.Builder register) {
        PayloadValidation result = validator.validate(register.build());
        assertThat(result).isInstanceOf(PayloadValidation.Malformed.class);
        return (PayloadValidation.Malformed) result;
    }
}
