package dev.cascade.topology.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.cascade.topology.model.SubnetRange.Form;
import inet.ipaddr.IPAddressString;

class SubnetRangeTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "10.1.0.0/16                 | 10.1.0.0/16               | CIDR    | 10.1.0.0      | 10.1.255.255",
        "10.1.0.5-10.1.0.80          | 10.1.0.5-10.1.0.80        | RANGE   | 10.1.0.5      | 10.1.0.80",
        "10.1.0.5 - 10.1.0.80        | 10.1.0.5-10.1.0.80        | RANGE   | 10.1.0.5      | 10.1.0.80",
        "10.1.0.5\u201310.1.0.80     | 10.1.0.5-10.1.0.80        | RANGE   | 10.1.0.5      | 10.1.0.80",
        "10.1.2.3                    | 10.1.2.3                  | ADDRESS | 10.1.2.3      | 10.1.2.3",
        "10.1.2.3/32                 | 10.1.2.3/32               | CIDR    | 10.1.2.3      | 10.1.2.3",
        "010.001.002.000/24          | 10.1.2.0/24               | CIDR    | 10.1.2.0      | 10.1.2.255",
        "0.0.0.0/0                   | 0.0.0.0/0                 | CIDR    | 0.0.0.0       | 255.255.255.255",
        "2001:db8:1::/48             | 2001:db8:1::/48           | CIDR    | 2001:db8:1::  | 2001:db8:1:ffff:ffff:ffff:ffff:ffff",
        "2001:DB8:0001:0:0::/48      | 2001:db8:1::/48           | CIDR    | 2001:db8:1::  | 2001:db8:1:ffff:ffff:ffff:ffff:ffff",
        "2001:db8::10-2001:db8::ff   | 2001:db8::10-2001:db8::ff | RANGE   | 2001:db8::10  | 2001:db8::ff",
        "2001:db8::1                 | 2001:db8::1               | ADDRESS | 2001:db8::1   | 2001:db8::1",
    })
    void readsEachFormAndKeepsItSpeltCanonically(String text, String canonical, Form form, String first, String last) {
        SubnetRange range = SubnetRange.parse(text);

        assertThat(range.text()).isEqualTo(canonical);
        assertThat(range.form()).isEqualTo(form);
        assertThat(range.firstText()).isEqualTo(first);
        assertThat(range.lastText()).isEqualTo(last);
        assertThat(SubnetRange.parse(range.text())).isEqualTo(range);
    }

    @Test
    void aSingleAddressIsASlash32OrSlash128Block() {
        SubnetRange v4 = SubnetRange.parse("10.1.2.3");
        SubnetRange v6 = SubnetRange.parse("2001:db8::1");

        assertThat(v4.isCidr()).isTrue();
        assertThat(v4.cidr()).isEqualTo("10.1.2.3/32");
        assertThat(v4.size()).isEqualTo(BigInteger.ONE);
        assertThat(v6.cidr()).isEqualTo("2001:db8::1/128");
        assertThat(SubnetRange.parse("10.0.0.5-10.0.0.9").isCidr()).isFalse();
        assertThat(SubnetRange.parse("10.0.0.5-10.0.0.9").cidr()).isNull();
    }

    @Test
    void aRangeThatHappensToBeCidrAlignedStaysARange() {
        SubnetRange range = SubnetRange.parse("10.1.0.0-10.1.255.255");

        assertThat(range.form()).isEqualTo(Form.RANGE);
        assertThat(range.text()).isEqualTo("10.1.0.0-10.1.255.255");
        assertThat(range).isNotEqualTo(SubnetRange.parse("10.1.0.0/16"));
        assertThat(range.overlaps(SubnetRange.parse("10.1.0.0/16"))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "10.1.2.3/24              | subnet \"10.1.2.3/24\" has host bits set (the network is 10.1.2.0/24)",
        "2001:db8::1/64           | subnet \"2001:db8::1/64\" has host bits set (the network is 2001:db8::/64)",
        "10.0.0.0/33              | subnet \"10.0.0.0/33\" has prefix length /33 (expected 0 to 32 for IPv4)",
        "2001:db8::/129           | subnet \"2001:db8::/129\" has prefix length /129 (expected 0 to 128 for IPv6)",
        "10.0.0.0/abc             | subnet \"10.0.0.0/abc\" has prefix length /abc (expected 0 to 32 for IPv4)",
        "10.0.0.0/255.255.0.0     | subnet \"10.0.0.0/255.255.0.0\" has prefix length /255.255.0.0 (expected 0 to 32 for IPv4)",
        "10.1.0.80-10.1.0.5       | subnet \"10.1.0.80-10.1.0.5\" starts after it ends (10.1.0.80 is above 10.1.0.5)",
        "10.0.0.1-2001:db8::1     | subnet \"10.0.0.1-2001:db8::1\" mixes IPv4 and IPv6 addresses",
        "10.0.0.1-10.0.0.5-10.0.0.9 | subnet \"10.0.0.1-10.0.0.5-10.0.0.9\" has more than one '-' (expected first-last)",
        "10.0.0.1-                | subnet \"10.0.0.1-\" has a last address \"\" that is not an IPv4 or IPv6 address",
        "10.0.0.256               | subnet \"10.0.0.256\" is not an IPv4 or IPv6 address, CIDR block or range",
        "10.1.2                   | subnet \"10.1.2\" is not an IPv4 or IPv6 address, CIDR block or range",
        "10.1.*.*                 | subnet \"10.1.*.*\" is not an IPv4 or IPv6 address, CIDR block or range",
        "berlin.example.com       | subnet \"berlin.example.com\" is not an IPv4 or IPv6 address, CIDR block or range",
        "fe80::1%eth0             | subnet \"fe80::1%eth0\" is not an IPv4 or IPv6 address, CIDR block or range",
        "x/24                     | subnet \"x/24\" has a network address \"x\" that is not an IPv4 or IPv6 address",
        "::ffff:10.0.0.0/104      | subnet \"::ffff:10.0.0.0/104\" uses the IPv4-mapped IPv6 address ::ffff:a00:0 (write the IPv4 address 10.0.0.0)",
    })
    void refusesMalformedTextSayingWhatIsWrong(String text, String message) {
        assertThatThrownBy(() -> SubnetRange.parse(text))
                .isInstanceOf(MalformedRangeException.class)
                .hasMessage(message);
    }

    @Test
    void refusesEmptyText() {
        assertThatThrownBy(() -> SubnetRange.parse("  ")).hasMessage("subnet \"  \" is empty");
        assertThatThrownBy(() -> SubnetRange.parse(null)).hasMessage("subnet \"\" is empty");
    }

    @Test
    void betweenPicksThePlainestForm() {
        assertThat(range("10.0.0.0", "10.0.0.255").text()).isEqualTo("10.0.0.0/24");
        assertThat(range("10.0.0.0", "10.0.0.255").form()).isEqualTo(Form.CIDR);
        assertThat(range("10.0.0.7", "10.0.0.7").text()).isEqualTo("10.0.0.7");
        assertThat(range("10.0.0.1", "10.0.0.255").text()).isEqualTo("10.0.0.1-10.0.0.255");
        assertThat(range("2001:db8::", "2001:db8::ffff").text()).isEqualTo("2001:db8::/112");
        assertThatThrownBy(() -> range("10.0.0.9", "10.0.0.1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void containsAndOverlapsRespectIpVersionAndBounds() {
        SubnetRange range = SubnetRange.parse("10.0.0.10-10.0.0.20");

        assertThat(range.contains(OfficeResolver.parse("10.0.0.10"))).isTrue();
        assertThat(range.contains(OfficeResolver.parse("10.0.0.20"))).isTrue();
        assertThat(range.contains(OfficeResolver.parse("10.0.0.21"))).isFalse();
        assertThat(range.contains(OfficeResolver.parse("::a00:a"))).isFalse(); // same number, other version
        assertThat(range.overlaps(SubnetRange.parse("10.0.0.20-10.0.0.30"))).isTrue();
        assertThat(range.overlaps(SubnetRange.parse("10.0.0.21-10.0.0.30"))).isFalse();
        assertThat(range.overlaps(SubnetRange.parse("::a00:0/120"))).isFalse();
    }

    @Test
    void sortsIpv4BeforeIpv6ThenByFirstAddressWiderFirst() {
        SubnetRange v6 = SubnetRange.parse("2001:db8::/32");
        SubnetRange wide = SubnetRange.parse("10.0.0.0/8");
        SubnetRange narrow = SubnetRange.parse("10.0.0.0/16");
        SubnetRange later = SubnetRange.parse("10.1.0.0/16");

        assertThat(java.util.stream.Stream.of(v6, later, narrow, wide).sorted().toList())
                .containsExactly(wide, narrow, later, v6);
    }

    private static SubnetRange range(String first, String last) {
        return SubnetRange.between(new IPAddressString(first).getAddress(), new IPAddressString(last).getAddress());
    }
}
