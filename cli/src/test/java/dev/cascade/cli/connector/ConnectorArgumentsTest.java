package dev.cascade.cli.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The text forms the connector's options take: server addresses, sizes, durations. */
class ConnectorArgumentsTest {

    @Test
    void serverAddresses() {
        assertThat(ServerAddress.parse("10.0.0.5", 34323)).isEqualTo(new ServerAddress("10.0.0.5", 34323));
        assertThat(ServerAddress.parse("gw.example.com:4000", 34323)).isEqualTo(new ServerAddress("gw.example.com", 4000));
        assertThat(ServerAddress.parse("[2001:db8::5]:4000", 34323)).isEqualTo(new ServerAddress("2001:db8::5", 4000));
        assertThat(ServerAddress.parse("2001:db8::5", 34323)).isEqualTo(new ServerAddress("2001:db8::5", 34323));
        assertThat(ServerAddress.parse("[2001:db8::5]:4000", 34323).toString()).isEqualTo("[2001:db8::5]:4000");
        assertThatThrownBy(() -> ServerAddress.parse("host:http", 34323)).hasMessage("--server 'host:http': port 'http' is not a number");
        assertThatThrownBy(() -> ServerAddress.parse("host:70000", 34323)).hasMessage("--server: port 70000 is outside 1..65535");
        assertThatThrownBy(() -> ServerAddress.parse("[::1", 34323)).hasMessageContaining("missing ']'");
        assertThatThrownBy(() -> ServerAddress.parse(":34323", 34323)).hasMessageContaining("the host is empty");
    }

    @Test
    void sizes() {
        assertThat(ByteSize.parse("1MiB")).isEqualTo(1 << 20);
        assertThat(ByteSize.parse("256KiB")).isEqualTo(256 << 10);
        assertThat(ByteSize.parse("4 mb")).isEqualTo(4 << 20);
        assertThat(ByteSize.parse("65536")).isEqualTo(65536);
        assertThat(ByteSize.parse("2G")).isEqualTo(2L << 30);
        assertThatThrownBy(() -> ByteSize.parse("-1")).hasMessage("'-1' is not a size; expected e.g. 1MiB, 256KiB or 65536");
        assertThatThrownBy(() -> ByteSize.parse("1.5MiB")).hasMessageContaining("is not a size");
        assertThatThrownBy(() -> ByteSize.parse("99999999999GiB")).hasMessageContaining("is not a size");
    }

    @Test
    void durations() {
        DurationText text = new DurationText();
        assertThat(text.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(text.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(text.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(text.convert("45")).isEqualTo(Duration.ofSeconds(45));
        assertThat(text.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThatThrownBy(() -> text.convert("soon")).hasMessage("'soon' is not a duration; expected e.g. 30s, 500ms or 2m");
        assertThatThrownBy(() -> text.convert("0s")).hasMessage("'0s' is not a positive duration; expected e.g. 30s, 500ms or 2m");
        assertThat(text.convert("1.5s")).isEqualTo(Duration.ofMillis(1_500));
        DurationText orZero = new DurationText.OrZero();
        assertThat(orZero.convert("0")).isZero();
        assertThatThrownBy(() -> orZero.convert("-1s")).hasMessage("'-1s' is not a duration of 0 or more; expected e.g. 30s,"
                + " 500ms or 2m");
    }

    @Test
    void serverVersions() {
        assertThat(ConnectorVersions.unsupportedServer("1.0.0")).isNull();
        assertThat(ConnectorVersions.unsupportedServer("1.99.99")).isNull();
        assertThat(ConnectorVersions.unsupportedServer("2.0.0")).isEqualTo("server version '2.0.0' is outside this"
                + " connector's supported server versions 1.0.0..1.99.99 (connector version 1.0.0)");
        assertThat(ConnectorVersions.unsupportedServer("")).startsWith("server version (none given) is outside");
        assertThat(ConnectorVersions.unsupportedServer("one")).startsWith("server version 'one' is outside");
    }
}
