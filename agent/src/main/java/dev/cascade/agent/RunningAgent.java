package dev.cascade.agent;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.cascade.agent.content.ContentCache;
import dev.cascade.agent.content.OriginFetcher;
import dev.cascade.agent.content.SeedLibrary;
import dev.cascade.agent.discovery.DiscoveryPolicy;
import dev.cascade.agent.follow.DeploymentFollower;
import dev.cascade.agent.follow.DeploymentJob;
import dev.cascade.agent.follow.DeploymentJournal;
import dev.cascade.agent.follow.InventoryReporter;
import dev.cascade.agent.follow.JobContext;
import dev.cascade.agent.follow.OfficeServePolicy;
import dev.cascade.agent.listener.DeploymentMessages;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.agent.follow.ServedPieces;
import dev.cascade.agent.follow.ServerReports;
import dev.cascade.agent.keys.FleetKeyStore;
import dev.cascade.agent.listener.LargeServerMessages;
import dev.cascade.agent.listener.ServerMessageListener;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.SmallMessageClient;
import dev.cascade.wire.large.LargeRequestClient;
import dev.cascade.wire.large.SendSettings;
import dev.cascade.wire.transfer.CongestionSettings;
import dev.cascade.wire.transfer.FetchSettings;
import dev.cascade.wire.transfer.PieceServer;
import dev.cascade.wire.transfer.ServerSettings;

/**
 * The agent while it runs (the command without {@code --once}): registers and heartbeats as before, and beside that
 * listens for the server's messages, serves the pieces it holds on its content port, and follows the deployments
 * the server announces ({@link DeploymentFollower}). Interrupting the running thread (SIGTERM, see
 * {@link AgentMain#main}) stops it cleanly: jobs end at their next step, verified pieces stay in the cache.
 */
final class RunningAgent {

    /** How long a job waits for the SOURCE_PLAN after its PLAN_REQUEST was acknowledged. */
    private static final Duration PLAN_TIMEOUT = Duration.ofSeconds(10);

    private final AgentConfig config;
    private final ContentOptions.Settings content;
    private final int listenPort;
    private final UUID deviceId;
    private final FleetKeyStore keys;
    private final SequenceCounter sequences;
    private final PrintWriter out;
    private final PrintWriter err;
    private final List<AutoCloseable> opened = new ArrayList<>();

    RunningAgent(AgentConfig config, ContentOptions.Settings content, int listenPort, UUID deviceId, FleetKeyStore keys,
                 SequenceCounter sequences, PrintWriter out, PrintWriter err) {
        this.config = config;
        this.content = content;
        this.listenPort = listenPort;
        this.deviceId = deviceId;
        this.keys = keys;
        this.sequences = sequences;
        this.out = out;
        this.err = err;
    }

    /** Runs until interrupted or refused for good; {@code heartbeats} builds the heartbeat with the "busy" it reports. */
    int run(Registration registration, Function<BooleanSupplier, HeartbeatExchange> heartbeats) {
        try {
            DatagramSocket listening = bind(listenPort, "listen for server messages", "--listen-port");
            DatagramSocket largeListening = listening == null ? null
                    : bind(content.largeListenPort(), "listen for large server messages", "--large-listen-port");
            DatagramSocket contentSocket = largeListening == null ? null
                    : bind(content.contentPort(), "serve content", "--content-port");
            DatagramSocket backgroundSocket = contentSocket == null ? null
                    : bind(content.backgroundPort(), "serve content to sub-offices", "--background-port");
            DatagramSocket smallReports = backgroundSocket == null ? null : bind(0, "send reports", null);
            DatagramSocket largeReports = smallReports == null ? null : bind(0, "send reports", null);
            if (listening == null || contentSocket == null || smallReports == null || largeReports == null) {
                return Outcome.FAILED;
            }
            ContentCache cache = open(ContentCache.open(config.cacheDir(), new StorageFacts(config.cacheDir(),
                    config.cacheLimit()), System::currentTimeMillis));
            cache.discarded().forEach(d -> print(err, "cache: removed " + d));
            SeedLibrary library = content.seed() ? new SeedLibrary(content.library()) : null;
            OfficeServePolicy servePolicy = new OfficeServePolicy(content.officeType());
            ServedPieces served = new ServedPieces(cache, library);
            ServerSettings serving = ServerSettings.DEFAULTS.withUploadSlots(content.uploadSlots());
            PieceServer server = open(new PieceServer(contentSocket, keys.ring(), deviceId, sequences, served, servePolicy,
                    serving, Clock.systemUTC()).start());
            // the same pieces to sub-offices over the WAN: their requesters pace by delay (protocol.md §18)
            PieceServer backgroundServer = open(new PieceServer(backgroundSocket, keys.ring(), deviceId, sequences, served,
                    servePolicy, serving, Clock.systemUTC()).start());
            OfficeDiscovery discovery = discovery(servePolicy, cache, server, contentSocket.getLocalPort());
            if (discovery == null) {
                return Outcome.FAILED;
            }
            PeerReports peerReports = new PeerReports(config,
                    new SmallMessageClient(smallReports, deviceId, keys.ring(), KeyPurpose.FLEET, sequences, Clock.systemUTC()),
                    new LargeRequestClient(largeReports, deviceId, keys.ring(), KeyPurpose.FLEET, sequences, Clock.systemUTC(),
                            SendSettings.DEFAULTS),
                    new InetSocketAddress(config.serverSocketAddress().getAddress(), content.serverLargePort()),
                    Clock.systemUTC());
            ServerReports reports = reports(peerReports);
            InventoryReporter inventory = new InventoryReporter(reports, cache, library, System::currentTimeMillis, err);
            JobContext context = new JobContext(deviceId, cache, DeploymentJournal.open(config.stateDir().resolve("deployments")),
                    reports, inventory, config.bind(), keys::ring, sequences, FetchSettings.DEFAULTS,
                    FetchSettings.BACKGROUND.withCongestion(CongestionSettings.background(content.wanDelayTarget())),
                    discovery.holders(),
                    new OriginFetcher(OriginFetcher.defaultClient(), OriginFetcher.Settings.defaults()), content.install(),
                    content.seed(), listening.getLocalPort(), PLAN_TIMEOUT, DeploymentJob.Pacing.DEFAULTS,
                    Clock.systemUTC(), out, err);
            DeploymentFollower follower = open(new DeploymentFollower(context, library));
            ServerMessageListener listener = new ServerMessageListener(listening, deviceId, keys, sequences,
                    Clock.systemUTC(), out, err, new DeploymentMessages() {
                        @Override
                        public void notice(DeploymentNotice notice) {
                            follower.notice(notice);
                        }

                        @Override
                        public void plan(SourcePlan plan) {
                            servePolicy.learn(plan); // the server names this office's type: VPN offices do not serve
                            follower.plan(plan);
                        }
                    });
            Thread listenerThread = daemon(listener, "server-messages");
            Thread largeThread = daemon(new LargeServerMessages(largeListening, deviceId, keys, sequences, listener,
                    Clock.systemUTC(), err), "large-server-messages");
            print(out, "listening for server messages on " + addressText(listening));
            print(out, "listening for large server messages on " + addressText(largeListening));
            print(out, "serving content on " + addressText(contentSocket) + " (" + content.uploadSlots() + " upload slots, "
                    + content.officeType().name().substring("OFFICE_TYPE_".length()).toLowerCase(java.util.Locale.ROOT)
                    + " office" + (library != null ? ", seed of library " + content.library() : "") + ")");
            print(out, "serving content to sub-offices on " + addressText(backgroundSocket) + " (background protocol)");
            print(out, discovery.state());
            daemon(follower::resume, "resume-deployments");
            RegistrationLoop loop = new RegistrationLoop(registration, heartbeats.apply(server::busy), config,
                    d -> Thread.sleep(d.toMillis()), out, err);
            try {
                return loop.runUntilStopped();
            } catch (InterruptedException e) {
                print(out, "stopping");
                return Outcome.REGISTERED;
            } finally {
                follower.close();
                listening.close();
                largeListening.close();
                join(listenerThread);
                join(largeThread);
                print(out, "server messages: " + listener.counters().format());
                print(out, "content served: " + server.totalBytesServed() + " bytes " + server.bytesServed());
                print(out, "content served to sub-offices: " + backgroundServer.totalBytesServed() + " bytes "
                        + backgroundServer.bytesServed());
                if (!discovery.counters().isEmpty()) {
                    print(out, "discovery: " + discovery.counters());
                }
            }
        } catch (UncheckedIOException e) {
            print(err, e.getMessage());
            return Outcome.FAILED;
        } finally {
            closeAll();
        }
    }

    /**
     * Discovery as the office type allows, answering with the verified pieces of the cache (incomplete contents too;
     * a seed's library is not announced: see {@link OfficeDiscovery}); null after telling the operator why its port
     * cannot be bound.
     */
    private OfficeDiscovery discovery(OfficeServePolicy servePolicy, ContentCache cache, PieceServer server,
                                      int contentPort) {
        try {
            // the office type the agent knows now: --office-type, then the one each SOURCE_PLAN names
            return open(OfficeDiscovery.start(config, content.discoveryPort(),
                    () -> new DiscoveryPolicy(servePolicy.officeType()), deviceId, keys.ring(), cache, server::busy,
                    contentPort));
        } catch (SocketException e) {
            print(err, "cannot answer DISCOVER on 0.0.0.0:" + content.discoveryPort() + ": " + e.getMessage()
                    + " (--discovery-port chooses another port; 0 turns broadcast discovery off)");
            return null;
        }
    }

    private static ServerReports reports(PeerReports peerReports) {
        return new ServerReports() {
            @Override
            public boolean inventory(dev.cascade.contracts.v1.InventoryReport report, Consumer<String> problem) {
                return acked(() -> peerReports.sendInventory(report), problem);
            }

            @Override
            public boolean transfer(dev.cascade.contracts.v1.TransferReport report, Consumer<String> problem) {
                return acked(() -> peerReports.sendTransfer(report), problem);
            }

            @Override
            public boolean planRequest(dev.cascade.contracts.v1.PlanRequest request, Consumer<String> problem) {
                return acked(() -> peerReports.sendPlanRequest(request), problem);
            }
        };
    }

    private static boolean acked(Supplier<Outcome> send, Consumer<String> problem) {
        Outcome outcome;
        try {
            outcome = send.get();
        } catch (IllegalArgumentException e) { // a report breaking the protocol's rules: a bug, never sent
            problem.accept(e.getMessage());
            return false;
        }
        if (!outcome.registered()) {
            problem.accept(outcome.message());
        }
        return outcome.registered();
    }

    /** A socket on the --bind address, or null after telling the operator why not ({@code option} null: any port). */
    private DatagramSocket bind(int port, String what, String option) {
        InetSocketAddress address = new InetSocketAddress(config.bind(), port);
        try {
            return open(new DatagramSocket(address));
        } catch (SocketException e) {
            print(err, "cannot " + what + " on " + address.getAddress().getHostAddress() + ":" + port + ": "
                    + e.getMessage()
                    + (option == null ? "" : " (is another agent running? " + option + " chooses another port)"));
            return null;
        }
    }

    private <T extends AutoCloseable> T open(T resource) {
        opened.add(resource);
        return resource;
    }

    private void closeAll() {
        for (int i = opened.size() - 1; i >= 0; i--) {
            try {
                opened.get(i).close();
            } catch (Exception e) {
                print(err, "while stopping: " + e.getMessage());
            }
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String addressText(DatagramSocket socket) {
        return socket.getLocalAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    private static void print(PrintWriter writer, String line) {
        synchronized (writer) {
            writer.println(line);
            writer.flush();
        }
    }
}
