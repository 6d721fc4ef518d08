package dev.cascade.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.ContentHolding;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.OfficeType;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.PlannedSource;
import dev.cascade.contracts.v1.SourceBytes;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.contracts.v1.SourceProtocol;
import dev.cascade.contracts.v1.TransferReport;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.transfer.PieceHolding;
import dev.cascade.wire.transfer.PieceServer;
import dev.cascade.wire.transfer.PieceSource;
import dev.cascade.wire.transfer.ServePolicy;
import dev.cascade.wire.transfer.ServerSettings;
import picocli.CommandLine;

/**
 * Deployments followed end to end on loopback with real UDP: a stand-in server ({@link PlanningServer}) announces a
 * content and answers plan requests; a seed agent ({@code --seed --library}) and ordinary agents, each the whole
 * command in-process with its own ports, state and cache, fetch it from each other, verify it, install it and
 * report.
 */
class FollowDeploymentTest {

    private static final String CONTENT = "app-7";
    private static final int PIECE = 64 * 1024;
    private static final int SIZE = 40 * PIECE + 1_234; // 41 pieces, the last one short
    private static final int PIECES = (SIZE + PIECE - 1) / PIECE;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private final WireKey key = TestHosts.fleetKey(1);
    private final GeneratedContent content = new GeneratedContent(CONTENT, SIZE, PIECE, 7);
    private final byte[] bytes = content.bytes();
    private final DeploymentNotice notice = content.notice();
    private final List<Agent> agents = new ArrayList<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    /** One agent command running in-process. */
    final class Agent {
        final String name;
        final UUID id = UUID.randomUUID();
        final Path state;
        final int listenPort = freePort();
        final int contentPort = freePort();
        final int backgroundPort = freePort();
        final int largeListenPort = freePort();
        final StringWriter out = new StringWriter();
        final List<String> extra;
        Thread thread;

        Agent(String name, String... extra) throws IOException {
            this.name = name;
            this.state = Files.createDirectories(dir.resolve(name));
            this.extra = List.of(extra);
            Files.writeString(state.resolve(DeviceIdentity.FILE_NAME), id + "\n");
        }

        Agent start(PlanningServer server) throws IOException {
            List<String> args = new ArrayList<>(List.of("--server", server.address(), "--fleet-key", key.format(),
                    "--state-dir", state.toString(), "--bind", "127.0.0.1", "--reply-port", "0",
                    "--listen-port", "" + listenPort, "--content-port", "" + contentPort,
                    "--background-port", "" + backgroundPort, "--large-listen-port", "" + largeListenPort,
                    "--server-large-port", "" + server.port(), "--hostname", name, "--initial-timeout", "100ms",
                    "--install-command", "cp {file} " + dir.resolve(name + ".installed")));
            if (!extra.contains("--discovery-port")) {
                args.addAll(List.of("--discovery-port", "0")); // the plan's sources only, unless a test discovers
            }
            args.addAll(extra);
            CommandLine commandLine = new CommandLine(new AgentMain(TestHosts.machine(dir.resolve("host-" + name))));
            commandLine.setOut(new PrintWriter(out));
            commandLine.setErr(new PrintWriter(out));
            thread = new Thread(() -> commandLine.execute(args.toArray(String[]::new)), "agent-" + name);
            thread.start();
            await(() -> Optional.of(out.toString()).filter(o -> o.contains("serving content on")), name + " serving");
            return this;
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(20_000);
            assertThat(thread.isAlive()).as(name + " stopped").isFalse();
        }

        PlannedSource source(SourceClass sourceClass) {
            return PlannedSource.newBuilder().setDeviceId(id.toString()).setIpAddress("127.0.0.1").setPort(contentPort)
                    .setProtocol(SourceProtocol.SOURCE_PROTOCOL_FOREGROUND).setSourceClass(sourceClass)
                    .setReason(name + " holds it").build();
        }

        /** This agent as a holder in the requester's parent office: its background port, over the WAN. */
        PlannedSource parentOfficeSource() {
            return PlannedSource.newBuilder().setDeviceId(id.toString()).setIpAddress("127.0.0.1").setPort(backgroundPort)
                    .setProtocol(SourceProtocol.SOURCE_PROTOCOL_BACKGROUND)
                    .setSourceClass(SourceClass.SOURCE_CLASS_PARENT_OFFICE_PEER).setReason(name + " holds it upstream").build();
        }

        TransferReport completedTransfer(PlanningServer server) {
            return await(() -> server.transfers().stream().filter(r -> r.device().equals(id) && r.report().getCompleted())
                    .map(PlanningServer.Report::report).findFirst(), name + "'s completed TRANSFER_REPORT\n" + out);
        }

        String installedSha256() throws IOException {
            return sha256(Files.readAllBytes(dir.resolve(name + ".installed")));
        }
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Agent agent : agents) {
            if (agent.thread != null && agent.thread.isAlive()) {
                agent.stop();
            }
        }
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private Agent agent(String name, String... extra) throws IOException {
        Agent agent = new Agent(name, extra);
        agents.add(agent);
        return agent;
    }

    private Agent seed(PlanningServer server) throws Exception {
        Path library = Files.createDirectories(dir.resolve("library"));
        Files.write(library.resolve(CONTENT), bytes);
        Agent seed = agent("seed", "--seed", "--library", library.toString()).start(server);
        server.notice(notice, seed.listenPort);
        await(() -> server.inventories().stream().filter(r -> r.device().equals(seed.id))
                .flatMap(r -> r.report().getHoldingsList().stream())
                .filter(h -> h.getContentId().equals(CONTENT) && h.getState() == ContentState.CONTENT_STATE_CACHED)
                .findFirst(), "the seed's holding");
        return seed;
    }

    private static SourcePlan fetch(UUID device, PlannedSource... sources) {
        return SourcePlan.newBuilder().setDeviceId(device.toString()).setContentId(CONTENT)
                .setAction(PlanAction.PLAN_ACTION_FETCH).addAllSources(Arrays.asList(sources))
                .setExplanation("the test says so").build();
    }

    @Test
    void aSeedAndThreeAgentsEachEndWithTheContentInstalledAndReportBytesBySourceClass() throws Exception {
        PlanningServer server = new PlanningServer(key, (device, request, nth) -> null);
        closing.add(server);
        Agent seed = seed(server);
        List<Agent> peers = List.of(agent("a"), agent("b"), agent("c"));
        server.planner((device, request, nth) -> {
            List<PlannedSource> sources = new ArrayList<>(List.of(seed.source(SourceClass.SOURCE_CLASS_SEED)));
            peers.stream().filter(p -> !p.id.equals(device) && !request.getAvoidDeviceIdsList().contains(p.id.toString()))
                    .forEach(p -> sources.add(p.source(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER)));
            return fetch(device, sources.toArray(PlannedSource[]::new));
        });
        for (Agent peer : peers) {
            peer.start(server);
            server.notice(notice, peer.listenPort);
        }

        for (Agent peer : peers) {
            TransferReport report = peer.completedTransfer(server);
            assertThat(peer.installedSha256()).as(peer.name).isEqualTo(sha256(bytes));
            assertThat(report.getBytesBySourceList()).extracting(SourceBytes::getSourceClass)
                    .isSubsetOf(SourceClass.SOURCE_CLASS_SEED, SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER);
            assertThat(report.getBytesBySourceList().stream().mapToLong(SourceBytes::getBytes).sum())
                    .as("%s fetched every byte once", peer.name).isEqualTo(SIZE);
            assertThat(report.getBadPeerIdsList()).isEmpty();
            assertThat(report.getDeploymentId()).isEqualTo(notice.getDeploymentId());
            ContentHolding installed = await(() -> server.inventories().stream().filter(r -> r.device().equals(peer.id))
                    .flatMap(r -> r.report().getHoldingsList().stream())
                    .filter(h -> h.getState() == ContentState.CONTENT_STATE_INSTALLED).findFirst(), peer.name + " installed");
            assertThat(installed.getPieceCount()).isEqualTo(41);
        }
        // a notice again for a finished job is not a new job
        int requests = server.planRequests().size();
        server.notice(notice, peers.get(0).listenPort);
        await(() -> Optional.of(peers.get(0).out.toString()).filter(o -> o.contains("already complete")), "a's answer");
        assertThat(server.planRequests()).hasSize(requests);
    }

    @Test
    void anRvpFetchesFromAParentOfficeHolderOverTheBackgroundProtocolAndItsOfficeCopiesFromIt() throws Exception {
        PlanningServer server = new PlanningServer(key, (device, request, nth) -> null);
        closing.add(server);
        Agent upstream = seed(server); // holds it in the parent office: serves on its background port too
        Agent rvp = agent("rvp");
        Agent office = agent("office");
        // the RVP pulls over the WAN (BACKGROUND); the other peer of its office copies from the RVP over the LAN
        server.planner((device, request, nth) -> device.equals(rvp.id) ? fetch(device, upstream.parentOfficeSource())
                : fetch(device, rvp.source(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER)));
        rvp.start(server);
        server.notice(notice, rvp.listenPort);
        TransferReport fromWan = rvp.completedTransfer(server);
        office.start(server);
        server.notice(notice, office.listenPort);
        TransferReport fromLan = office.completedTransfer(server);

        assertThat(rvp.installedSha256()).isEqualTo(sha256(bytes));
        assertThat(office.installedSha256()).isEqualTo(sha256(bytes));
        assertThat(fromWan.getBytesBySourceList()).containsExactly(SourceBytes.newBuilder()
                .setSourceClass(SourceClass.SOURCE_CLASS_PARENT_OFFICE_PEER).setBytes(SIZE).build());
        assertThat(fromLan.getBytesBySourceList()).containsExactly(SourceBytes.newBuilder()
                .setSourceClass(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER).setBytes(SIZE).build());
        assertThat(rvp.out.toString()).contains("41 pieces from 1 peers over the WAN, 0 missing");
        upstream.stop();
        // everything the upstream holder served went out of its background port: its content port served nothing
        assertThat(upstream.out.toString()).contains("content served: 0 bytes")
                .containsPattern("content served to sub-offices: (" + SIZE + "|[1-9]\\d{6,}) bytes");
    }

    @Test
    void aWifiAgentBroadcastsNothingAndAStandardOneCopiesFromTheHoldersThatAnswerWhenItsPlanNamesNone() throws Exception {
        String discoveryPort = "" + freePort();
        PlanningServer server = new PlanningServer(key, (device, request, nth) -> null);
        closing.add(server);
        Path library = Files.createDirectories(dir.resolve("library"));
        Files.write(library.resolve(CONTENT), bytes);
        Agent seed = agent("seed", "--seed", "--library", library.toString(), "--discovery-port", discoveryPort);
        seed.start(server);
        server.notice(notice, seed.listenPort);
        await(() -> server.inventories().stream().filter(r -> r.device().equals(seed.id))
                .flatMap(r -> r.report().getHoldingsList().stream())
                .filter(h -> h.getState() == ContentState.CONTENT_STATE_CACHED).findFirst(), "the seed's holding");
        HeardBroadcasts discovers = new HeardBroadcasts(Integer.parseInt(discoveryPort));
        closing.add(discovers);
        Agent holder = agent("holder", "--discovery-port", discoveryPort);
        Agent wifi = agent("wifi", "--discovery-port", discoveryPort);
        Agent wired = agent("wired", "--discovery-port", discoveryPort);
        server.planner((device, request, nth) -> {
            if (device.equals(wired.id)) {
                return SourcePlan.newBuilder().setDeviceId(device.toString()).setContentId(CONTENT)
                        .setAction(PlanAction.PLAN_ACTION_WAIT).setRetryAfterMs(500)
                        .setOfficeType(OfficeType.OFFICE_TYPE_STANDARD).setExplanation("the RVP brings it in").build();
            }
            return fetch(device, seed.source(SourceClass.SOURCE_CLASS_SEED)).toBuilder().setOfficeType(
                    device.equals(wifi.id) ? OfficeType.OFFICE_TYPE_WIFI : OfficeType.OFFICE_TYPE_STANDARD).build();
        });
        holder.start(server);
        server.notice(notice, holder.listenPort);
        holder.completedTransfer(server);
        int before = discovers.count();

        wifi.start(server);
        server.notice(notice, wifi.listenPort);
        assertThat(wifi.completedTransfer(server).getBytesBySourceList()).as("only the plan's seed").containsExactly(
                SourceBytes.newBuilder().setSourceClass(SourceClass.SOURCE_CLASS_SEED).setBytes(SIZE).build());
        assertThat(discovers.count() - before).as("DISCOVERs the Wi-Fi agent broadcast").isZero();
        assertThat(wifi.out.toString()).doesNotContain("on the subnet");

        wired.start(server);
        server.notice(notice, wired.listenPort);
        TransferReport report = wired.completedTransfer(server);

        assertThat(wired.installedSha256()).isEqualTo(sha256(bytes));
        assertThat(report.getBytesBySourceList()).containsExactly(SourceBytes.newBuilder()
                .setSourceClass(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER).setBytes(SIZE).build());
        assertThat(discovers.count() - before).as("DISCOVERs the wired agent broadcast").isPositive();
        // the seed's library is the planner's to hand out, the Wi-Fi agent answers no DISCOVER: the holder alone
        assertThat(wired.out.toString()).contains("1 holder on the subnet").contains("added 127.0.0.1 (41/41 pieces)");
        for (Agent agent : List.of(wired, wifi, holder, seed)) {
            agent.stop();
        }
        assertThat(holder.out.toString()).containsPattern("discovery: received=\\d+ .*answered=[1-9]");
        assertThat(seed.out.toString()).containsPattern("discovery: received=\\d+ .*answered=0 .*dropped.not_held=[1-9]");
        assertThat(wifi.out.toString()).containsPattern("discovery: received=\\d+ .*answered=0 .*dropped.office_policy=[1-9]");
    }

    @Test
    void aCorruptingPeerIsReportedAndAvoidedInTheNextPlanRequest() throws Exception {
        PlanningServer server = new PlanningServer(key, (device, request, nth) -> null);
        closing.add(server);
        Agent seed = seed(server);
        UUID corruptId = UUID.randomUUID();
        PieceServer corrupt = pieceServer(corruptId, new PieceSource() {
            @Override
            public boolean has(String contentId, int piece) {
                return true;
            }

            @Override
            public byte[] read(String contentId, int piece) {
                byte[] data = piece(piece);
                data[data.length / 2] ^= 0x5a; // one flipped byte: only the piece hash catches it
                return data;
            }

            @Override
            public PieceHolding holding(String contentId) {
                return PieceHolding.all(PIECES);
            }
        });
        PlannedSource corruptSource = PlannedSource.newBuilder().setDeviceId(corruptId.toString()).setIpAddress("127.0.0.1")
                .setPort(corrupt.port()).setProtocol(SourceProtocol.SOURCE_PROTOCOL_FOREGROUND)
                .setSourceClass(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER).setReason("claims to hold it").build();
        server.planner((device, request, nth) -> request.getAvoidDeviceIdsList().contains(corruptId.toString())
                ? fetch(device, seed.source(SourceClass.SOURCE_CLASS_SEED)) : fetch(device, corruptSource));
        Agent b = agent("b").start(server);

        server.notice(notice, b.listenPort);

        TransferReport report = b.completedTransfer(server);
        assertThat(b.installedSha256()).isEqualTo(sha256(bytes));
        assertThat(report.getBadPeerIdsList()).containsExactly(corruptId.toString());
        assertThat(report.getBadPieces()).isGreaterThanOrEqualTo(1);
        assertThat(report.getBytesBySourceList()).containsExactly(SourceBytes.newBuilder()
                .setSourceClass(SourceClass.SOURCE_CLASS_SEED).setBytes(SIZE).build());
        List<PlanningServer.Report<dev.cascade.contracts.v1.PlanRequest>> requests = server.planRequests().stream()
                .filter(r -> r.device().equals(b.id)).toList();
        assertThat(requests.get(0).report().getAvoidDeviceIdsList()).isEmpty();
        // the last one (a request the server acknowledged late is retransmitted and recorded twice)
        assertThat(requests.get(requests.size() - 1).report().getAvoidDeviceIdsList()).containsExactly(corruptId.toString());
    }

    @Test
    void anAgentStoppedMidwayResumesWithoutFetchingItsVerifiedPiecesAgain() throws Exception {
        PlanningServer server = new PlanningServer(key, (device, request, nth) -> null);
        closing.add(server);
        Agent seed = seed(server);
        int half = 20;
        UUID halfId = UUID.randomUUID();
        PieceServer halfHolder = pieceServer(halfId, new PieceSource() {
            @Override
            public boolean has(String contentId, int piece) {
                return piece < half;
            }

            @Override
            public byte[] read(String contentId, int piece) {
                return piece(piece);
            }

            @Override
            public PieceHolding holding(String contentId) {
                BitSet held = new BitSet();
                held.set(0, half);
                return new PieceHolding(held, PIECES, false);
            }
        });
        PlannedSource halfSource = PlannedSource.newBuilder().setDeviceId(halfId.toString()).setIpAddress("127.0.0.1")
                .setPort(halfHolder.port()).setProtocol(SourceProtocol.SOURCE_PROTOCOL_FOREGROUND)
                .setSourceClass(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER).setReason("holds half").build();
        // first the half holder, then "wait a minute": the agent sits with half of the content
        server.planner((device, request, nth) -> nth == 1 ? fetch(device, halfSource)
                : SourcePlan.newBuilder().setDeviceId(device.toString()).setContentId(CONTENT)
                        .setAction(PlanAction.PLAN_ACTION_WAIT).setRetryAfterMs(60_000).setExplanation("wait").build());
        Agent a = agent("a");
        a.start(server);
        server.notice(notice, a.listenPort);
        await(() -> server.planRequests().stream().filter(r -> r.device().equals(a.id)).skip(1).findFirst(),
                "a's second plan request");
        ContentHolding partial = await(() -> server.inventories().stream().filter(r -> r.device().equals(a.id))
                .flatMap(r -> r.report().getHoldingsList().stream()).filter(h -> h.getState() == ContentState.CONTENT_STATE_PENDING
                        && h.getPieces().size() > 0 && h.getPieces().byteAt(0) != 0).findFirst(), "a's partial holding");
        assertThat(partial.getPieceCount()).isEqualTo(41);
        a.stop();
        assertThat(a.out.toString()).contains("stopping");
        // what the stopped run moved is reported, as abandoned, so that the statistics keep its bytes
        TransferReport stopped = server.transfers().stream().filter(r -> r.device().equals(a.id) && !r.report().getCompleted())
                .map(PlanningServer.Report::report).findFirst().orElseThrow(() -> new AssertionError("no report of the stop"));
        assertThat(stopped.getFailureDetail()).isEqualTo("stopped: the agent shut down with 20 of 41 pieces verified; it"
                + " resumes at its next start");
        assertThat(stopped.getBytesBySourceList()).containsExactly(SourceBytes.newBuilder()
                .setSourceClass(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER).setBytes((long) half * PIECE).build());

        server.planner((device, request, nth) -> fetch(device, seed.source(SourceClass.SOURCE_CLASS_SEED)));
        a.start(server); // no notice again: the agent resumes what its journal says it was following

        TransferReport report = a.completedTransfer(server);
        long missing = SIZE - (long) half * PIECE;
        assertThat(report.getBytesBySourceList()).containsExactly(SourceBytes.newBuilder()
                .setSourceClass(SourceClass.SOURCE_CLASS_SEED).setBytes(missing).build());
        assertThat(a.installedSha256()).isEqualTo(sha256(bytes));
        assertThat(a.out.toString()).contains("resuming with " + half + " of 41 pieces verified in the cache");
        seed.stop();
        String served = seed.out.toString().lines().filter(l -> l.startsWith("content served: ")).findFirst().orElseThrow();
        long servedBytes = Long.parseLong(served.split(" ")[2]);
        // the seed sent the missing half, and nothing of the half the agent had verified before it stopped (the margin
        // is for blocks sent again after a timeout on a busy machine, far less than the 20 pieces already held)
        assertThat(servedBytes).isGreaterThanOrEqualTo(missing).isLessThan(missing + (long) half * PIECE / 4);
    }

    @Test
    void aPlanNamingTheOriginIsFetchedFromItAndAPreCacheOnlyDeploymentIsNotInstalled() throws Exception {
        com.sun.net.httpserver.HttpServer origin = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        origin.createContext("/app-7", exchange -> { // ignores ranges: the whole content, as some servers do
            exchange.sendResponseHeaders(200, bytes.length);
            try (var body = exchange.getResponseBody()) {
                body.write(bytes);
            }
        });
        origin.start();
        closing.add(() -> origin.stop(0));
        PlanningServer server = new PlanningServer(key, (device, request, nth) -> fetch(device, PlannedSource.newBuilder()
                .setProtocol(SourceProtocol.SOURCE_PROTOCOL_ORIGIN_HTTP).setSourceClass(SourceClass.SOURCE_CLASS_ORIGIN)
                .setOriginUrl("http://127.0.0.1:" + origin.getAddress().getPort() + "/app-7")
                .setReason("no peer holds it").build()));
        closing.add(server);
        Agent a = agent("a").start(server);
        DeploymentNotice preCache = notice.toBuilder().setPolicy(notice.getPolicy().toBuilder().setPreCacheOnly(true)).build();

        server.notice(preCache, a.listenPort);

        TransferReport report = a.completedTransfer(server);
        assertThat(report.getBytesBySourceList()).containsExactly(SourceBytes.newBuilder()
                .setSourceClass(SourceClass.SOURCE_CLASS_ORIGIN).setBytes(SIZE).build());
        await(() -> server.inventories().stream().filter(r -> r.device().equals(a.id))
                .flatMap(r -> r.report().getHoldingsList().stream())
                .filter(h -> h.getState() == ContentState.CONTENT_STATE_CACHED && h.getDetail().equals("pre-cache only"))
                .findFirst(), "a's cached holding");
        assertThat(dir.resolve("a.installed")).doesNotExist();
    }

    @Test
    void aContentTheCacheHasNoRoomForEndsInAFailedTransferReportWithTheNumbers() throws Exception {
        PlanningServer server = new PlanningServer(key, (device, request, nth) -> null);
        closing.add(server);
        Agent a = agent("a", "--cache-limit", "100000").start(server);

        server.notice(notice, a.listenPort);

        TransferReport report = await(() -> server.transfers().stream().filter(r -> r.device().equals(a.id))
                .map(PlanningServer.Report::report).findFirst(), "a's TRANSFER_REPORT");
        assertThat(report.getCompleted()).isFalse();
        assertThat(report.getFailureDetail()).startsWith("content 'app-7' needs " + SIZE + " bytes but the cache has room"
                + " for ");
        assertThat(server.planRequests()).isEmpty();
    }

    @Test
    void aNoticeTooLargeForOneDatagramArrivesAsALargeMessageAndIsFollowed() throws Exception {
        PlanningServer server = new PlanningServer(key, (device, request, nth) -> null);
        closing.add(server);
        Agent a = agent("a").start(server);
        byte[] large = new byte[2_100 * 1_024]; // 2 100 pieces of 1 KiB: their hashes alone exceed one datagram
        new Random(3).nextBytes(large);
        AppMetadata.Builder content = AppMetadata.newBuilder().setContentId("many-pieces").setSizeBytes(large.length)
                .setSha256(ByteString.copyFrom(digest(large))).setPieceSize(1_024);
        for (int from = 0; from < large.length; from += 1_024) {
            content.addPieceHashes(ByteString.copyFrom(digest(Arrays.copyOfRange(large, from, from + 1_024))));
        }
        DeploymentNotice manyPieces = notice.toBuilder().setContent(content).build();
        assertThat(manyPieces.getSerializedSize()).isGreaterThan(65_427);

        dev.cascade.wire.Reply reply;
        try (DatagramSocket serverLargeReplies = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            reply = new dev.cascade.wire.large.LargeRequestClient(serverLargeReplies, UUID.randomUUID(), key,
                    new SequenceCounter(), Clock.systemUTC(), dev.cascade.wire.large.SendSettings.DEFAULTS)
                    .send(dev.cascade.wire.MessageType.DEPLOYMENT_NOTICE, manyPieces.toByteArray(),
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), a.largeListenPort), 3, Duration.ofSeconds(5));
        }

        assertThat(reply).isInstanceOf(dev.cascade.wire.Reply.Acked.class);
        assertThat(await(() -> server.planRequests().stream().filter(r -> r.device().equals(a.id)).findFirst(),
                "a's plan request").report().getContentId()).isEqualTo("many-pieces");
        assertThat(a.out.toString()).contains("content many-pieces: following deployment " + notice.getDeploymentId()
                + " (2150400 bytes, 2100 pieces)");
    }

    private PieceServer pieceServer(UUID id, PieceSource source) throws IOException {
        PieceServer server = new PieceServer(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
                KeyRing.of(key), id, new SequenceCounter(), source, ServePolicy.SERVE_ALL, ServerSettings.DEFAULTS,
                Clock.systemUTC()).start();
        closing.add(server);
        return server;
    }

    private byte[] piece(int index) {
        return content.piece(index);
    }

    private static byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String sha256(byte[] data) {
        return GeneratedContent.sha256(data);
    }

    private static int freePort() {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static <T> T await(Supplier<Optional<T>> probe, String what) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
