package dev.cascade.activation.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceAddressTest {

    @Test
    void readsIpv4AndBracketedIpv6Addresses() {
        assertThat(SourceAddress.parse("10.0.0.5:34320")).isEqualTo(new SourceAddress("10.0.0.5", 34320));
        assertThat(SourceAddress.parse("[fd00::7]:34320")).isEqualTo(new SourceAddress("fd00::7", 34320));
    }

    @Test
    void refusesAnAddressWithoutAUsablePortNamingIt() {
        for (String bad : new String[] {"10.0.0.5", "10.0.0.5:0", "10.0.0.5:70000", "fd00::7:34320", "[fd00::7]", ":34320", "", "a:b"}) {
            assertThatThrownBy(() -> SourceAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("source_address '" + bad + "'");
        }
    }
}
