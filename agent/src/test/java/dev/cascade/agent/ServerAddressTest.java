package dev.cascade.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerAddressTest {

    @ParameterizedTest
    @CsvSource({
        "gateway.example, gateway.example, 34323, gateway.example:34323",
        "10.0.0.5:4000, 10.0.0.5, 4000, 10.0.0.5:4000",
        "[2001:db8::7]:4000, 2001:db8::7, 4000, [2001:db8::7]:4000",
        "[2001:db8::7], 2001:db8::7, 34323, [2001:db8::7]:34323",
        "2001:db8::7, 2001:db8::7, 34323, [2001:db8::7]:34323",
    })
    void readsHostAndOptionalPort(String text, String host, int port, String written) {
        ServerAddress address = ServerAddress.parse(text);
        assertThat(address).isEqualTo(new ServerAddress(host, port));
        assertThat(address.toString()).isEqualTo(written);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "host:port    | 'port' in 'host:port' is not a port number",
        "host:70000   | port 70000 is outside 1..65535",
        ":34323       | the server host is empty",
        "[::1         | '[::1' opens '[' without closing it; expected [IPv6]:PORT",
        "[::1]x       | '[::1]x' has 'x' after ']'; expected [IPv6]:PORT",
    })
    void refusesWhatIsNotAnAddress(String text, String message) {
        assertThatThrownBy(() -> ServerAddress.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
