package dev.cascade.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class DemoScenarioTest {

    private static final long MIB = 1 << 20;

    @Test
    void thirtyAgentsFillTheSixOfficesInTheirProportions() {
        DemoScenario scenario = DemoScenario.sample(30, 64 * MIB, 20_000_000);

        assertThat(scenario.offices()).extracting(DemoOffice::agents).containsExactly(6, 7, 4, 6, 5, 2);
        assertThat(scenario.offices()).extracting(DemoOffice::type)
                .containsExactly("Standard", "Standard", "Wi-Fi", "Standard", "Standard", "VPN");
        assertThat(scenario.office("north-wifi").orElseThrow().parentId()).isEqualTo("north");
        assertThat(scenario.office("south").orElseThrow().linkBitsPerSecond()).isEqualTo(10_000_000);
        assertThat(scenario.office("north-wifi").orElseThrow().linkBitsPerSecond()).isEqualTo(100_000_000);
        assertThat(scenario.agentCount()).isEqualTo(30);
    }

    @Test
    void everyAgentCountFromTheMinimumUpIsSpreadExactlyWithOneAgentPerOfficeAtLeast() {
        for (int agents = DemoScenario.MIN_AGENTS; agents <= 240; agents++) {
            int[] counts = DemoScenario.spread(agents);
            assertThat(Arrays.stream(counts).sum()).as("%d agents", agents).isEqualTo(agents);
            assertThat(Arrays.stream(counts).min().orElseThrow()).as("%d agents", agents).isPositive();
        }
        assertThatThrownBy(() -> DemoScenario.sample(5, MIB, 1_000_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 6 agents");
    }

    @Test
    void theWanLimitCountsOneCopyPerOfficeFedFromOutsideAndOnePerVpnDevice() {
        DemoScenario scenario = DemoScenario.sample(30, 64 * MIB, 20_000_000);

        // north, north-wifi, south, east: once each; the two VPN devices: once each; the central office: never
        assertThat(scenario.wanLimitBytes()).isEqualTo(6 * 64 * MIB);
        assertThat(scenario.naiveBytes()).isEqualTo(30 * 64 * MIB);
        assertThat(DemoScenario.sample(60, MIB, 1_000_000).wanLimitBytes())
                .isEqualTo((4 + DemoScenario.sample(60, MIB, 1_000_000).office("vpn").orElseThrow().agents()) * MIB);
    }

    @Test
    void agentsHaveUniqueAddressesInTheirOfficesRangeAndTheSheetPlacesEveryOffice() {
        DemoScenario scenario = DemoScenario.sample(30, MIB, 1_000_000);
        List<DemoAgent> agents = scenario.agents();

        Set<String> addresses = new HashSet<>();
        for (DemoAgent agent : agents) {
            assertThat(addresses.add(agent.address())).as(agent.address()).isTrue();
            assertThat(scenario.officeOf(agent.address())).contains(agent.office());
        }
        assertThat(addresses).doesNotContain(scenario.seedAddress());
        assertThat(scenario.officeOf(scenario.seedAddress())).contains(scenario.central());
        assertThat(scenario.topologyCsv().lines()).containsExactly("office_id,name,type,parent_id,subnets",
                "central,Central office,Standard,,127.42.1.0/24",
                "north,Branch North,Standard,central,127.42.2.0/24",
                "north-wifi,Branch North Wi-Fi,Wi-Fi,north,127.42.3.0/24",
                "south,Branch South,Standard,central,127.42.4.0/24",
                "east,Branch East,Standard,central,127.42.5.0/24",
                "vpn,Remote workers (VPN),VPN,central,127.42.6.0/24");
    }
}
