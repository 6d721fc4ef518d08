package dev.cascade.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.PlannedSource;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.contracts.v1.SourceProtocol;
import dev.cascade.testkit.netns.CommandRunner;
import dev.cascade.testkit.netns.Link;
import dev.cascade.testkit.netns.NamespaceLab;
import dev.cascade.testkit.netns.NamespaceProcess;
import dev.cascade.wire.WireKey;

/**
 * The LAN distribution benchmark of issue 7 (docs/benchmarks.md has the command and the numbers): one office bridge
 * where every host's upload is limited to 100 Mbit/s (tc tbf on its veth), a seed and N agents as real
 * {@code cascade-agent} JVMs, and an origin HTTP server in a namespace of its own behind the same limit. For
 * N = 4, 8, 16, side by side with the same agents: the time from the notices until every agent reported a completed
 * transfer, (1) peer to peer, planned by topology-service's planner (the seed gives the office's RVP one copy, the
 * others copy from it and from each other as pieces arrive, see {@link ReportedFactsPlanner}) and (2) every agent downloading the whole content from the origin. Not a test: runs only
 * with {@code -Dcascade.benchmark.lan=true}, as root; its class name keeps it out of the default test run.
 */
class LanDistributionBenchmark {

    private static final String RATE = System.getProperty("cascade.benchmark.lan.rate", "100mbit");
    private static final int PIECE = 256 * 1024;
    private static final int SIZE = Integer.getInteger("cascade.benchmark.lan.mib", 16) * 1024 * 1024;
    /** Long-running agents: the full JIT (the lab's child JVMs stop at C1 to start fast), the serial collector. */
    private static final List<String> AGENT_JVM = List.of("-XX:+UseSerialGC", "-Xmx256m");
    private static final int ORIGIN_PORT = 28080;
    private static final Duration DISTRIBUTION = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private final WireKey key = TestHosts.fleetKey(1);

    @Test
    void distributionTimePeerToPeerAgainstEveryAgentFromTheOrigin() throws Exception {
        assumeTrue(Boolean.getBoolean("cascade.benchmark.lan"), "skipped: the LAN benchmark runs with -Dcascade.benchmark.lan=true");
        Optional<String> reason = NamespaceLab.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        assumeTrue(CommandRunner.find("tc").isPresent(), "skipped: the benchmark needs 'tc' (iproute2)");
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-8s %-10s %12s %12s %8s %14s", "agents", "content", "p2p s", "origin s", "ratio",
                "seed served"));
        for (int agents : Integer.getInteger("cascade.benchmark.lan.only") == null ? List.of(4, 8, 16)
                : List.of(Integer.getInteger("cascade.benchmark.lan.only"))) {
            rows.add(run(agents));
            System.out.println(rows.get(rows.size() - 1));
        }
        System.out.println("LAN distribution, every host's upload limited to " + RATE + " (tc tbf):");
        rows.forEach(System.out::println);
    }

    private String run(int count) throws Exception {
        Path runDir = Files.createDirectories(dir.resolve("n" + count));
        GeneratedContent p2p = new GeneratedContent("bench-p2p", SIZE, PIECE, count);
        GeneratedContent direct = new GeneratedContent("bench-origin", SIZE, PIECE, 1_000 + count);
        try (OfficeLan lan = OfficeLan.open("n" + count, runDir, key);
             PlanningServer server = new PlanningServer(key, lan.testAddress(), (device, request, nth) -> null)) {
            Path library = Files.createDirectories(runDir.resolve("library"));
            Files.write(library.resolve(p2p.id()), p2p.bytes());
            Path originFile = runDir.resolve(direct.id());
            Files.write(originFile, direct.bytes());

            Link originHost = lan.host("origin");
            OfficeLan.limitUpload(originHost, RATE);
            NamespaceProcess origin = originHost.namespace().startJava("origin", OriginServerMain.class.getName(),
                    List.of(originFile.toString(), "" + ORIGIN_PORT));
            origin.awaitLine(Pattern.compile("^origin serving on "), Duration.ofSeconds(60));

            LanAgent seed = lan.agent("seed", "--seed", "--library", library.toString());
            OfficeLan.limitUpload(seed.link, RATE);
            seed.launch(server, AGENT_JVM).awaitServing();
            server.notice(p2p.notice(), seed.listenAddress());
            FollowDeploymentTest.await(() -> server.inventories().stream().filter(r -> r.device().equals(seed.id))
                    .flatMap(r -> r.report().getHoldingsList().stream())
                    .filter(h -> h.getState() == ContentState.CONTENT_STATE_CACHED).findFirst(), "the seed's holding");

            List<LanAgent> agents = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                LanAgent agent = lan.agent("a" + i);
                OfficeLan.limitUpload(agent.link, RATE);
                agents.add(agent.launch(server, AGENT_JVM));
            }
            for (LanAgent agent : agents) {
                agent.awaitServing();
            }
            ReportedFactsPlanner office = new ReportedFactsPlanner(server, p2p, seed, agents, List.of());
            PlannedSource originSource = PlannedSource.newBuilder().setProtocol(SourceProtocol.SOURCE_PROTOCOL_ORIGIN_HTTP)
                    .setSourceClass(SourceClass.SOURCE_CLASS_ORIGIN)
                    .setOriginUrl("http://" + originHost.ip() + ":" + ORIGIN_PORT + "/" + direct.id())
                    .setReason("every agent from the origin").build();
            server.planner((device, request, nth) -> request.getContentId().equals(p2p.id())
                    ? office.plan(device, request, nth)
                    : SourcePlan.newBuilder().setDeviceId(device.toString()).setContentId(direct.id())
                            .setAction(PlanAction.PLAN_ACTION_FETCH).addSources(originSource)
                            .setExplanation("the benchmark's origin run").build());

            double p2pSeconds = distribute(server, agents, p2p);
            double originSeconds = distribute(server, agents, direct);
            long served = seed.stopAndCountServed();
            return String.format("%-8d %-10s %12.2f %12.2f %8.2f %14s", count, SIZE / (1024 * 1024) + " MiB",
                    p2pSeconds, originSeconds, originSeconds / p2pSeconds,
                    String.format("%.2f copies", (double) served / SIZE));
        }
    }

    /** Seconds from the first notice until the last agent reported the content complete and verified. */
    private static double distribute(PlanningServer server, List<LanAgent> agents, GeneratedContent content)
            throws Exception {
        long start = System.nanoTime();
        for (LanAgent agent : agents) {
            server.notice(content.notice(), agent.listenAddress());
        }
        List<String> finished = new ArrayList<>();
        List<LanAgent> left = new ArrayList<>(agents);
        long deadline = start + DISTRIBUTION.toNanos();
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            for (LanAgent agent : List.copyOf(left)) {
                agent.completedTransfer(server, content.id()).ifPresent(report -> {
                    finished.add(String.format("%s %.1fs %s", agent.name, (System.nanoTime() - start) / 1e9,
                            report.getBytesBySourceList().stream().map(b -> b.getSourceClass().name()
                                    .replace("SOURCE_CLASS_", "") + "=" + b.getBytes() / 1024 + "k").toList()));
                    left.remove(agent);
                });
            }
            Thread.sleep(10);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println(content.id() + ": " + String.join("; ", finished));
        assertThat(left).as("agents without a completed transfer after %s", DISTRIBUTION).isEmpty();
        for (LanAgent agent : agents) {
            assertThat(agent.installedSha256()).as(agent.name).isEqualTo(content.sha256());
        }
        return seconds;
    }
}
