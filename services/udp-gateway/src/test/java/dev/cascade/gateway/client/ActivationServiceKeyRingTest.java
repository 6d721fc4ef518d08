package dev.cascade.gateway.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActivationServiceKeyRingTest {

    @ParameterizedTest
    @ValueSource(strings = {"activation-service", "activation-service:", ":9085", "activation-service:http",
            "activation-service:70000", "activation-service:0"})
    void anAddressThatIsNotHostColonPortIsRefusedNamingTheProperty(String address) {
        assertThatThrownBy(() -> ActivationServiceKeyRing.connect(address, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("cascade.keys.activation-service='" + address + "' is not host:port");
    }

    @Test
    void hostnamesAndBracketedIpv6AddressesAreAccepted() {
        try (ActivationServiceKeyRing named = ActivationServiceKeyRing.connect("activation-service:9085",
                Duration.ofSeconds(1));
             ActivationServiceKeyRing ipv6 = ActivationServiceKeyRing.connect("[::1]:9085", Duration.ofSeconds(1))) {
            assertThat(named.describe()).isEqualTo("activation-service at activation-service:9085");
            assertThat(ipv6.describe()).isEqualTo("activation-service at [::1]:9085");
        }
    }

    @Test
    void nobodyListeningIsAnErrorSayingSo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (ActivationServiceKeyRing ring = ActivationServiceKeyRing.connect("127.0.0.1:" + port,
                Duration.ofSeconds(2))) {
            assertThatThrownBy(ring::fetch).isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("UNAVAILABLE");
        }
    }
}
