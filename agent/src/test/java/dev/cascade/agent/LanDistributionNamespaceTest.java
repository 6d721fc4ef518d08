package dev.cascade.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.SourceBytes;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.TransferReport;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.transfer.PieceHolding;
import dev.cascade.wire.transfer.PieceServer;
import dev.cascade.wire.transfer.PieceSource;
import dev.cascade.wire.transfer.ServePolicy;
import dev.cascade.wire.transfer.ServerSettings;

/**
 * Content distribution in one office between real hosts (issue 7): network namespaces on one bridge, a seed
 * ({@code --seed --library}) and agents each a real {@code cascade-agent} JVM in its own namespace, a stand-in server
 * ({@link PlanningServer}) in the test JVM on the same bridge announcing the content and planning with topology-service's
 * own planner on the facts the agents reported ({@link ReportedFactsPlanner}): one RVP fetches from the seed, the others
 * copy from it and from each other as pieces arrive. Needs root, iproute2 and tc (CI runs as root); skips otherwise.
 */
class LanDistributionNamespaceTest {

    private static final int PIECE = 64 * 1024;
    private static final GeneratedContent CONTENT = new GeneratedContent("lan-app", 64 * PIECE, PIECE, 11);
    private static final Duration DOWNLOAD = Duration.ofSeconds(90);
    private static final Pattern RESUMING = Pattern.compile("resuming with (\\d+) of (\\d+) pieces verified");

    @TempDir
    Path dir;

    private final WireKey key = TestHosts.fleetKey(1);

    @BeforeAll
    static void needsRootAndIproute2() {
        OfficeLan.assumeLab(true);
    }

    @Test
    void eightAgentsAllEndWithTheRightHashWhileTheSeedUploadsAboutOneCopy() throws Exception {
        try (OfficeLan lan = OfficeLan.open("lan", dir, key);
             PlanningServer server = new PlanningServer(key, lan.testAddress(), (device, request, nth) -> null)) {
            LanAgent seed = seed(lan, server);
            List<LanAgent> agents = new ArrayList<>();
            for (int i = 1; i <= 8; i++) {
                agents.add(lan.agent("a" + i));
            }
            server.planner(new ReportedFactsPlanner(server, CONTENT, seed, agents, List.of()));
            startAll(server, agents);

            for (LanAgent agent : agents) {
                server.notice(CONTENT.notice(), agent.listenAddress());
            }

            for (LanAgent agent : agents) {
                TransferReport report = agent.completedTransfer(server, CONTENT.id(), DOWNLOAD);
                assertThat(agent.installedSha256()).as(agent.name).isEqualTo(CONTENT.sha256());
                assertThat(report.getBytesBySourceList().stream().mapToLong(SourceBytes::getBytes).sum())
                        .as("%s verified every byte once: %s", agent.name, report).isEqualTo(CONTENT.size());
                assertThat(report.getBadPeerIdsList()).isEmpty();
            }
            long fromPeers = agents.stream().flatMap(a -> a.completedTransfer(server, CONTENT.id()).orElseThrow()
                    .getBytesBySourceList().stream()).filter(b -> b.getSourceClass() == SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER)
                    .mapToLong(SourceBytes::getBytes).sum();
            long served = seed.stopAndCountServed();
            System.out.printf("1 seed + 8 agents, %d bytes: the seed served %d bytes (%.2f copies), the agents %d bytes"
                    + " to each other%n", CONTENT.size(), served, (double) served / CONTENT.size(), fromPeers);
            // about one copy: the planner sends one RVP to the seed, the others copy inside the office as pieces arrive
            assertThat(served).as("the seed's upload, in bytes (content: %d)", CONTENT.size())
                    .isGreaterThanOrEqualTo(CONTENT.size()).isLessThanOrEqualTo((long) (1.5 * CONTENT.size()));
            assertThat(fromPeers).as("bytes the agents copied from each other").isGreaterThanOrEqualTo(7L * CONTENT.size()
                    - (served - CONTENT.size()));
        }
    }

    @Test
    void aPeerFlippingBytesIsDetectedAndAvoidedAndEveryOtherAgentEndsWithTheRightHash() throws Exception {
        try (OfficeLan lan = OfficeLan.open("bad", dir, key);
             PlanningServer server = new PlanningServer(key, lan.testAddress(), (device, request, nth) -> null)) {
            LanAgent seed = seed(lan, server);
            UUID corruptId = UUID.randomUUID();
            AtomicInteger corruptReads = new AtomicInteger();
            // on the content port every source has (the planner names the port), at the test's address on the bridge
            PieceServer corrupt = new PieceServer(new DatagramSocket(new InetSocketAddress(lan.testAddress(),
                    LanAgent.CONTENT_PORT)),
                    KeyRing.of(key), corruptId, new SequenceCounter(), new PieceSource() {
                @Override
                public boolean has(String contentId, int piece) {
                    return true;
                }

                @Override
                public byte[] read(String contentId, int piece) {
                    corruptReads.incrementAndGet();
                    byte[] data = CONTENT.piece(piece);
                    data[data.length / 2] ^= 0x5a; // one flipped byte: only the piece hash catches it
                    return data;
                }

                @Override
                public PieceHolding holding(String contentId) {
                    return PieceHolding.all(CONTENT.pieceCount());
                }
            }, ServePolicy.SERVE_ALL, ServerSettings.DEFAULTS, Clock.systemUTC()).start();
            try (corrupt) {
                List<LanAgent> agents = new ArrayList<>();
                for (int i = 1; i <= 4; i++) {
                    agents.add(lan.agent("b" + i));
                }
                // a device of the office that claims the content CACHED: the planner sends every agent to it first
                server.planner(new ReportedFactsPlanner(server, CONTENT, seed, agents, List.of(ReportedFactsPlanner
                        .cachedHolder(corruptId, "corrupt", lan.testAddress().getHostAddress(), CONTENT))));
                startAll(server, agents);

                for (LanAgent agent : agents) {
                    server.notice(CONTENT.notice(), agent.listenAddress());
                }

                Set<String> badPeers = new HashSet<>();
                for (LanAgent agent : agents) {
                    TransferReport report = agent.completedTransfer(server, CONTENT.id(), DOWNLOAD);
                    assertThat(agent.installedSha256()).as(agent.name).isEqualTo(CONTENT.sha256());
                    assertThat(report.getBytesBySourceList().stream().mapToLong(SourceBytes::getBytes).sum())
                            .as("%s counted only verified bytes, each once: %s", agent.name, report).isEqualTo(CONTENT.size());
                    badPeers.addAll(report.getBadPeerIdsList());
                    if (report.getBadPeerIdsCount() > 0) {
                        assertThat(report.getBadPieces()).isGreaterThanOrEqualTo(1);
                    }
                }
                assertThat(corruptReads.get()).as("the corrupting peer was asked for pieces").isPositive();
                assertThat(badPeers).as("bad_peer_ids of every TRANSFER_REPORT together").containsExactly(corruptId.toString());
                System.out.printf("the corrupting peer read pieces %d times for %d agents%n", corruptReads.get(), agents.size());
                for (LanAgent agent : agents) {
                    List<PlanRequest> asked = server.planRequests().stream()
                            .filter(r -> r.device().equals(agent.id)).map(PlanningServer.Report::report).toList();
                    if (agent.completedTransfer(server, CONTENT.id()).orElseThrow().getBadPeerIdsCount() > 0
                            && asked.size() > 1) {
                        assertThat(asked.get(asked.size() - 1).getAvoidDeviceIdsList()).as("%s's last PLAN_REQUEST",
                                agent.name).contains(corruptId.toString());
                    }
                }
            }
        }
    }

    @Test
    void anAgentKilledMidDownloadResumesWithoutFetchingItsVerifiedPiecesAgain() throws Exception {
        try (OfficeLan lan = OfficeLan.open("kill", dir, key);
             PlanningServer server = new PlanningServer(key, lan.testAddress(), (device, request, nth) -> null)) {
            LanAgent seed = seed(lan, server);
            // 8 Mbit/s from the seed: the 4 MiB take about 4 s, time to kill the agent halfway
            OfficeLan.limitUpload(seed.link, "8mbit");
            LanAgent agent = lan.agent("k");
            server.planner(new ReportedFactsPlanner(server, CONTENT, seed, List.of(agent), List.of()));
            agent.launch(server).awaitServing();
            server.notice(CONTENT.notice(), agent.listenAddress());

            int before = awaitVerified(agent, CONTENT.pieceCount() / 4);
            agent.kill();
            assertThat(agent.completedTransfer(server, CONTENT.id())).as("killed before it completed").isEmpty();
            int afterKill = agent.verifiedPieces(CONTENT.id());
            assertThat(afterKill).as("verified pieces on disk after the kill").isBetween(before, CONTENT.pieceCount() - 1);

            agent.launch(server).awaitServing(); // no notice again: the journal says what it was following
            TransferReport report = agent.completedTransfer(server, CONTENT.id(), DOWNLOAD);

            assertThat(agent.installedSha256()).isEqualTo(CONTENT.sha256());
            Matcher resuming = RESUMING.matcher(agent.process().awaitLine(RESUMING, Duration.ofSeconds(1)));
            assertThat(resuming.find()).isTrue();
            int kept = Integer.parseInt(resuming.group(1));
            assertThat(kept).as("pieces kept across the kill").isEqualTo(afterKill);
            System.out.printf("killed with %d of %d pieces verified; the restarted agent fetched %s%n", kept,
                    CONTENT.pieceCount(), report.getBytesBySourceList());
            assertThat(report.getBytesBySourceList()).as("only the pieces it did not hold").containsExactly(
                    SourceBytes.newBuilder().setSourceClass(SourceClass.SOURCE_CLASS_SEED)
                            .setBytes((long) (CONTENT.pieceCount() - kept) * PIECE).build());
        }
    }

    /** The seed with the content in its library, announced and reported CACHED. */
    private LanAgent seed(OfficeLan lan, PlanningServer server) throws Exception {
        return lan.agent("seed", "--seed", "--library", LanAgent.library(dir, CONTENT).toString()).launchSeed(server, CONTENT);
    }

    /** Starts every agent's JVM, then waits for them all: the JVMs start side by side. */
    private static void startAll(PlanningServer server, List<LanAgent> agents) throws InterruptedException {
        for (LanAgent agent : agents) {
            agent.launch(server);
        }
        for (LanAgent agent : agents) {
            agent.awaitServing();
        }
    }

    private static int awaitVerified(LanAgent agent, int atLeast) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DOWNLOAD.toNanos();
        while (System.nanoTime() < deadline) {
            int verified = agent.verifiedPieces(CONTENT.id());
            if (verified >= atLeast) {
                return verified;
            }
            Thread.sleep(10);
        }
        throw new AssertionError(agent.name + " did not verify " + atLeast + " pieces in time; its output:\n"
                + agent.process().output());
    }
}
