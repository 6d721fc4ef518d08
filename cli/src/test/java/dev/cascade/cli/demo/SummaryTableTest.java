package dev.cascade.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The server's two documents read into office snapshots, and the live view and summary drawn from them. */
class SummaryTableTest {

    private static final long MIB = 1 << 20;
    private final DemoScenario scenario = DemoScenario.sample(6, 4 * MIB, 1_000_000);

    @Test
    void snapshotsReadTheServersProgressAndStatisticsPerOffice() throws Exception {
        List<OfficeSnapshot> offices = OfficeSnapshot.of(scenario, progress(), statistics(),
                Map.of("north", 4 * MIB + 70_000), Map.of("central", Duration.ofSeconds(3)));

        OfficeSnapshot central = offices.get(0);
        assertThat(central.done()).isEqualTo(2); // the seed (cached) and the agent (installed)
        assertThat(central.complete()).isTrue();
        assertThat(central.reported(OfficeSnapshot.SEED)).isEqualTo(4 * MIB);
        assertThat(central.completedAfter()).isEqualTo(Duration.ofSeconds(3));
        OfficeSnapshot north = offices.get(1);
        assertThat(north.complete()).isFalse();
        assertThat(north.fraction()).isEqualTo(0.5); // 2 of 4 pieces on its one device
        assertThat(north.wanBytesIn()).isEqualTo(4 * MIB + 70_000);
        assertThat(offices.get(2).targeted()).as("an office the server does not list yet").isZero();
        assertThat(offices.get(2).fraction()).isZero();
    }

    @Test
    void theSummaryComparesTheMeasuredWanBytesWithTheLimitAndNaiveDistribution() throws Exception {
        List<OfficeSnapshot> offices = OfficeSnapshot.of(scenario, progress(), statistics(), Map.of(), Map.of());
        long measured = 5 * 4 * MIB + 5 * 4 * MIB / 100; // the 5 copies plus 1 % of framing

        String table = SummaryTable.render(scenario, offices, measured, 12_345, "UDP payload", Duration.ofMillis(12_300));

        assertThat(table).contains("limit  4.0 MiB x 5 links fed from outside (4 offices, 1 VPN devices) = 20.0 MiB")
                .contains("measured / limit = 1.010")
                .contains("naive  4.0 MiB x 6 agents = 24.0 MiB   measured / naive = 0.842 (16 % of the naive bytes saved)")
                .contains("and 12.1 KiB of requests the other way");
        assertThat(table.lines().filter(l -> l.startsWith("Central office")).findFirst().orElseThrow())
                .contains("2/2").contains("4.0 MiB").endsWith("not done");
        assertThat(table.lines().filter(l -> l.startsWith("total")).findFirst().orElseThrow()).contains("12.3 s");
    }

    @Test
    void theLiveViewRedrawsInPlaceOnATerminalAndPrintsSparselyIntoAFile() throws Exception {
        List<OfficeSnapshot> offices = OfficeSnapshot.of(scenario, progress(), statistics(), Map.of("north", 3 * MIB), Map.of());
        assertThat(LiveView.block(offices, Duration.ofSeconds(75)).get(0)).startsWith("01:15 elapsed");
        assertThat(LiveView.block(offices, Duration.ZERO)).anySatisfy(line ->
                assertThat(line).contains("Branch North").contains("[############------------]  50 %").contains("WAN 3.0 MiB"));

        StringWriter file = new StringWriter();
        LiveView quiet = new LiveView(new PrintWriter(file), false, Duration.ofSeconds(10));
        quiet.show(offices, Duration.ZERO);
        quiet.show(offices, Duration.ofSeconds(5));
        quiet.show(offices, Duration.ofSeconds(11));
        assertThat(file.toString().lines().filter(l -> l.contains("elapsed"))).hasSize(2);
        assertThat(file.toString()).doesNotContain("\u001b[");

        StringWriter terminal = new StringWriter();
        LiveView redraw = new LiveView(new PrintWriter(terminal), true, Duration.ofSeconds(10));
        redraw.show(offices, Duration.ZERO);
        redraw.show(offices, Duration.ofSeconds(1));
        assertThat(terminal.toString()).contains("\u001b[" + (scenario.offices().size() + 1) + "A");
    }

    private static JsonNode progress() throws Exception {
        return new ObjectMapper().readTree("""
                {"deploymentId":"d","contentId":"demo-package","state":"ACTIVE","pieceCount":4,
                 "totals":{"targeted":3},
                 "offices":[
                  {"officeId":"central","counts":{"targeted":2,"pending":0,"downloading":0,"paused":0,"cached":1,"installed":1,"failed":0,"piecesHeld":8}},
                  {"officeId":"north","counts":{"targeted":1,"pending":0,"downloading":1,"paused":0,"cached":0,"installed":0,"failed":0,"piecesHeld":2}}]}
                """);
    }

    private static JsonNode statistics() throws Exception {
        return new ObjectMapper().readTree("""
                {"contentId":"demo-package","totals":{"completed":1},
                 "offices":[{"officeId":"central","statistics":{"bytesBySource":{"SEED":4194304},"completed":1}}]}
                """);
    }
}
