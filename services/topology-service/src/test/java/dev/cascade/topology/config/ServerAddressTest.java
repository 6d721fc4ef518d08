package dev.cascade.topology.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cascade.topology.model.ObservedAddress;

class ServerAddressTest {

    @Test
    void anAddressWithAndWithoutItsPrefixLength() {
        assertThat(ServerAddress.of(" 10.0.0.10/16 ")).isEqualTo(new ServerAddress("10.0.0.10", 16));
        assertThat(ServerAddress.of("10.0.0.10/16").observed()).isEqualTo(new ObservedAddress("10.0.0.10", 16));
        assertThat(ServerAddress.of("2001:db8::10/64")).isEqualTo(new ServerAddress("2001:db8::10", 64));
        assertThat(ServerAddress.of("10.0.0.10")).isEqualTo(new ServerAddress("10.0.0.10", null));
        assertThat(ServerAddress.of("10.0.0.10").observed()).as("no subnet to propose").isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "server.example.com", "10.0.0.300", "10.0.0.10/33", "10.0.0.10/0", "10.0.0.10/x",
            "2001:db8::10/129", "10.0.0.0/8/8"})
    void anythingElseIsRefusedNamingThePropertyAndTheText(String text) {
        assertThatThrownBy(() -> ServerAddress.of(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cascade.topology.server-ip \"" + text + "\" is not an IP address with an optional"
                        + " prefix length, e.g. 10.0.0.10 or 10.0.0.10/16");
    }
}
