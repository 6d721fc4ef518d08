package dev.cascade.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.OfficeType;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.SourceBytes;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.contracts.v1.TransferReport;
import dev.cascade.wire.WireKey;

/**
 * Broadcast discovery in the running agent between real hosts (issue 7): one office bridge with a seed
 * ({@code --seed --library}) and three {@code cascade-agent} JVMs, each in a namespace of its own. The stand-in
 * server ({@link PlanningServer}) sends a holder to the seed (FETCH); tells a second agent its office is Wi-Fi and names
 * the seed too; tells the third its office is Standard and only to WAIT, naming nobody. The Wi-Fi agent broadcasts no
 * DISCOVER and copies from the plan's seed; the Standard one finds the holder by broadcast and copies everything from
 * it, counted as SAME_OFFICE_PEER. The test JVM, on the bridge too, hears every broadcast on the discovery port and tells them
 * apart by source address. Needs root and iproute2 (CI runs as root); skips otherwise.
 */
class OfficeDiscoveryNamespaceTest {

    private static final int PIECE = 64 * 1024;
    private static final GeneratedContent CONTENT = new GeneratedContent("disco-app", 16 * PIECE, PIECE, 13);
    private static final Duration DOWNLOAD = Duration.ofSeconds(40);

    @TempDir
    Path dir;

    private final WireKey key = TestHosts.fleetKey(1);

    @BeforeAll
    static void needsRootAndIproute2() {
        OfficeLan.assumeLab(false);
    }

    @Test
    void aStandardAgentFindsTheHolderByBroadcastWhileAWifiAgentBroadcastsNothingAndUsesThePlansList() throws Exception {
        try (OfficeLan lan = OfficeLan.open("odisc", dir, key);
             PlanningServer server = new PlanningServer(key, lan.testAddress(), (device, request, nth) -> null);
             HeardBroadcasts heard = new HeardBroadcasts(LanAgent.DISCOVERY_PORT)) {
            Path library = Files.createDirectories(dir.resolve("library"));
            Files.write(library.resolve(CONTENT.id()), CONTENT.bytes());
            LanAgent seed = lan.agent("seed", "--seed", "--library", library.toString());
            LanAgent holder = lan.agent("holder");
            LanAgent wifi = lan.agent("wifi");
            LanAgent wired = lan.agent("wired");
            server.planner((device, request, nth) -> {
                if (device.equals(wired.id)) {
                    return plan(device, PlanAction.PLAN_ACTION_WAIT, OfficeType.OFFICE_TYPE_STANDARD);
                }
                return plan(device, PlanAction.PLAN_ACTION_FETCH, device.equals(wifi.id) ? OfficeType.OFFICE_TYPE_WIFI
                        : OfficeType.OFFICE_TYPE_STANDARD).toBuilder().addSources(seed.source(SourceClass.SOURCE_CLASS_SEED))
                        .build();
            });
            List<LanAgent> all = List.of(seed, holder, wifi, wired);
            for (LanAgent agent : all) {
                agent.launch(server); // side by side: the JVMs start while the others do
            }
            for (LanAgent agent : all) {
                agent.awaitServing();
            }
            server.notice(CONTENT.notice(), seed.listenAddress());
            FollowDeploymentTest.await(() -> server.inventories().stream().filter(r -> r.device().equals(seed.id))
                    .flatMap(r -> r.report().getHoldingsList().stream())
                    .filter(h -> h.getContentId().equals(CONTENT.id()) && h.getState() == ContentState.CONTENT_STATE_CACHED)
                    .findFirst(), "the seed's CACHED holding\n" + seed.process().output());

            // one after the other, each to the end: the holder copies from the seed as its plan says, then the Wi-Fi
            // agent does, then the Standard agent asks the subnet, each agent knowing its office by then
            server.notice(CONTENT.notice(), holder.listenAddress());
            holder.completedTransfer(server, CONTENT.id(), DOWNLOAD);
            server.notice(CONTENT.notice(), wifi.listenAddress());
            TransferReport wifiReport = wifi.completedTransfer(server, CONTENT.id(), DOWNLOAD);
            server.notice(CONTENT.notice(), wired.listenAddress());
            TransferReport wiredReport = wired.completedTransfer(server, CONTENT.id(), DOWNLOAD);

            assertThat(wired.installedSha256()).isEqualTo(CONTENT.sha256());
            assertThat(wiredReport.getBytesBySourceList()).as("%s, its output:%n%s", wiredReport, wired.process().output())
                    .containsExactly(bytes(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER, CONTENT.size()));
            // the seed's library is the planner's to hand out, and a Wi-Fi agent answers no DISCOVER: the holder alone
            assertThat(wired.process().lines()).as("the Standard agent's output")
                    .anyMatch(l -> l.contains("1 holder on the subnet") && l.contains("added " + holder.ip() + " (16/16 pieces)"));
            assertThat(heard.from(wired.ip())).as("DISCOVERs the Standard agent broadcast").isPositive();

            assertThat(wifi.installedSha256()).isEqualTo(CONTENT.sha256());
            assertThat(wifiReport.getBytesBySourceList()).as("only the plan's seed")
                    .containsExactly(bytes(SourceClass.SOURCE_CLASS_SEED, CONTENT.size()));
            assertThat(heard.from(wifi.ip())).as("DISCOVERs the Wi-Fi agent broadcast").isZero();
            assertThat(wifi.process().lines()).noneMatch(l -> l.contains("on the subnet"));

            assertThat(lastDiscoveryLine(holder)).as("the holder answered").containsPattern(" answered=[1-9]");
            assertThat(lastDiscoveryLine(wifi)).containsPattern(" answered=0 .*dropped\\.office_policy=[1-9]");
            assertThat(lastDiscoveryLine(seed)).containsPattern(" answered=0 .*dropped\\.not_held=[1-9]");
        }
    }

    private static SourcePlan plan(UUID device, PlanAction action, OfficeType officeType) {
        return SourcePlan.newBuilder().setDeviceId(device.toString()).setContentId(CONTENT.id()).setAction(action)
                .setRetryAfterMs(500).setOfficeType(officeType).setExplanation("the test's plan").build();
    }

    private static SourceBytes bytes(SourceClass sourceClass, long bytes) {
        return SourceBytes.newBuilder().setSourceClass(sourceClass).setBytes(bytes).build();
    }

    /** Stops the agent (SIGTERM) and returns its last words about discovery: {@code discovery: received=…}. */
    private static String lastDiscoveryLine(LanAgent agent) throws InterruptedException {
        agent.process().close();
        agent.process().waitFor(Duration.ofSeconds(10));
        return agent.process().lines().stream().filter(l -> l.startsWith("discovery: received=")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError(agent.name + " printed no discovery counters; its output:\n"
                        + agent.process().output()));
    }
}
