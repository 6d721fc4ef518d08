package dev.cascade.cli.simulate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cascade.cli.CliRun;

/** {@code cascade simulate} on the command line: options, errors, text and JSON. */
class SimulateCommandTest {

    private static final String[] SMALL = {"simulate", "--peers", "200", "--offices", "6", "--regions", "1", "--vpn-offices", "1",
            "--package-size", "32MiB", "--piece-size", "4MiB"};

    @Test
    void theCommandsDefaultsAreTheFullScaleSettings() {
        assertThat(FleetSimulationTest.settings()).isEqualTo(FleetSettings.defaults());
        assertThat(FleetSettings.defaults().devices()).isEqualTo(100_000);
        assertThat(FleetSettings.defaults().offices()).isEqualTo(1_000);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--peers 0                       | --peers must be at least 1, got 0",
            "--offices 5 --regions 10        | --offices 5 cannot hold the central office, --regions 10",
            "--wifi-share 1.5                | --wifi-share must be between 0 and 1, got 1.5",
            "--wan-mbps 50-10                | --wan-mbps",
            "--wan-mbps fast                 | '--wan-mbps'",
            "--package-size 1GiB --piece-size 1KiB | --package-size 1073741824 in --piece-size 1024 makes 1048576 pieces",
            "--upload-slots 0                | --upload-slots must be at least 1, got 0",
            "--notice-spread -5s             | --notice-spread",
            "--heartbeat-interval 0          | --heartbeat-interval must be at least 1 ms",
            "--lan-mbps 0                    | --lan-mbps must be a positive number of Mbit/s, got 0.0"})
    void aBadOptionIsAUsageErrorNamingIt(String options, String message) {
        String[] args = ("simulate " + options).split("\\s+");
        CliRun run = CliRun.cascade(args);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(message).contains("Usage: cascade simulate");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void printsTheTables() {
        CliRun run = CliRun.cascade(SMALL);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Fleet simulation (random seed 1): 200 devices and 1 seed peer in 6 offices",
                "WAN bytes", "× the limit", "Completion, seconds from the deployment's creation", "VPN",
                "gateway datagrams in (peers → gateway)", "cascade.peer.plan-requests", "topology-service",
                "planner calls (topology-service)", "Wall time:");
    }

    @Test
    void printsJson() throws Exception {
        CliRun run = CliRun.cascade(concat(SMALL, "--json"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/scenario/devices").asInt()).isEqualTo(200);
        assertThat(json.at("/completion/all/devices").asInt()).isEqualTo(200);
        assertThat(json.at("/wan/bytes").asDouble()).isGreaterThanOrEqualTo(json.at("/wan/limitBytes").asDouble());
        assertThat(json.at("/completion/offices")).hasSize(6);
        assertThat(json.at("/controlPlane/kafkaTopics")).isNotEmpty();
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
