package dev.cascade.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.PlannedSource;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.SourceProtocol;
import dev.cascade.contracts.v1.TransferReport;
import dev.cascade.testkit.netns.Link;
import dev.cascade.testkit.netns.NamespaceProcess;
import dev.cascade.wire.WireKey;

/**
 * A {@code cascade-agent} running as its own JVM in a namespace of an {@link OfficeLan}, with its state directory (and
 * cache) under the test's folder, a fixed device id, and an install command that copies the verified file beside it.
 * Its ports are fixed: every agent has a namespace of its own.
 */
final class LanAgent {

    static final int LISTEN_PORT = 24325;
    static final int CONTENT_PORT = 24760;
    static final int BACKGROUND_PORT = 24750;
    static final int LARGE_LISTEN_PORT = 24337;
    /** Every agent answers and asks DISCOVER here (a namespace each: the default 34329 stays free on the machine). */
    static final int DISCOVERY_PORT = 24329;
    private static final Duration START = Duration.ofSeconds(60);
    private static final Pattern SERVED = Pattern.compile("^content served: (\\d+) bytes");

    final String name;
    final UUID id = UUID.randomUUID();
    final Link link;
    final Path state;
    private final Path installed;
    private final WireKey key;
    private final List<String> extra;
    /** The stand-in server's address as this agent names it; null: the address the server's socket is bound to. */
    private final InetAddress serverHost;
    private NamespaceProcess process;

    LanAgent(String name, Link link, Path dir, WireKey key, List<String> extra) {
        this(name, link, dir, key, extra, null);
    }

    /** With {@code serverHost} as the server's address (a server bound to the wildcard address, on several subnets). */
    LanAgent(String name, Link link, Path dir, WireKey key, List<String> extra, InetAddress serverHost) {
        this.name = name;
        this.serverHost = serverHost;
        this.link = link;
        this.key = key;
        this.extra = extra;
        this.state = dir.resolve(name);
        this.installed = dir.resolve(name + ".installed");
        try {
            Files.createDirectories(state);
            Files.writeString(state.resolve(DeviceIdentity.FILE_NAME), id + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts the agent's JVM (on the test class path: the classes the agent jar is made of) with the lab's options for
     * short-lived child JVMs (C1 only); see {@link #awaitServing}.
     */
    LanAgent launch(PlanningServer server) {
        return launch(server, List.of());
    }

    /**
     * As {@link #launch(PlanningServer)}, with {@code jvmOptions} instead of the lab's when not empty (a benchmark
     * wants the full JIT of a long-running agent).
     */
    LanAgent launch(PlanningServer server, List<String> jvmOptions) {
        List<String> args = new ArrayList<>(List.of("--server", serverHost == null ? server.address()
                : serverHost.getHostAddress() + ":" + server.port(), "--fleet-key", key.format(),
                "--state-dir", state.toString(), "--reply-port", "0", "--listen-port", "" + LISTEN_PORT,
                "--content-port", "" + CONTENT_PORT, "--background-port", "" + BACKGROUND_PORT,
                "--large-listen-port", "" + LARGE_LISTEN_PORT,
                "--server-large-port", "" + server.port(), "--hostname", name, "--initial-timeout", "200ms",
                "--install-command", "cp {file} " + installed));
        if (!extra.contains("--discovery-port")) {
            args.addAll(List.of("--discovery-port", "" + DISCOVERY_PORT));
        }
        args.addAll(extra);
        if (jvmOptions.isEmpty()) {
            process = link.namespace().startJava(name, AgentMain.class.getName(), args);
        } else {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmOptions);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), AgentMain.class.getName()));
            command.addAll(args);
            process = link.namespace().start(name, command);
        }
        return this;
    }

    /** A seed's library folder under {@code dir} holding {@code content} (for {@code --seed --library}). */
    static Path library(Path dir, GeneratedContent content) throws IOException {
        Path library = Files.createDirectories(dir.resolve("library"));
        Files.write(library.resolve(content.id()), content.bytes());
        return library;
    }

    /** Starts it as the seed of {@code content}'s library, announces the content and waits until it reports it CACHED. */
    LanAgent launchSeed(PlanningServer server, GeneratedContent content) throws IOException, InterruptedException {
        launch(server).awaitServing();
        server.notice(content.notice(), listenAddress());
        FollowDeploymentTest.await(() -> server.inventories().stream().filter(r -> r.device().equals(id))
                .flatMap(r -> r.report().getHoldingsList().stream())
                .filter(h -> h.getContentId().equals(content.id()) && h.getState() == ContentState.CONTENT_STATE_CACHED)
                .findFirst(), "the seed's CACHED holding\n" + process.output());
        return this;
    }

    /** Waits until it serves content (registered, listening, jobs resumed). */
    LanAgent awaitServing() throws InterruptedException {
        process.awaitLine(Pattern.compile("^serving content on "), START);
        return this;
    }

    NamespaceProcess process() {
        return process;
    }

    String ip() {
        return link.ip();
    }

    InetSocketAddress listenAddress() {
        return new InetSocketAddress(link.ip(), LISTEN_PORT);
    }

    PlannedSource source(SourceClass sourceClass) {
        return PlannedSource.newBuilder().setDeviceId(id.toString()).setIpAddress(link.ip()).setPort(CONTENT_PORT)
                .setProtocol(SourceProtocol.SOURCE_PROTOCOL_FOREGROUND).setSourceClass(sourceClass)
                .setReason(name + " is in the office").build();
    }

    /** Its first completed TRANSFER_REPORT for {@code contentId}, waiting up to {@code timeout}. */
    TransferReport completedTransfer(PlanningServer server, String contentId, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<TransferReport> report = completedTransfer(server, contentId);
            if (report.isPresent()) {
                return report.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError(name + " sent no completed TRANSFER_REPORT for " + contentId + " within "
                + timeout.toSeconds() + " s; its output:\n" + process.output());
    }

    Optional<TransferReport> completedTransfer(PlanningServer server, String contentId) {
        return server.transfers().stream().filter(r -> r.device().equals(id) && r.report().getCompleted()
                && r.report().getContentId().equals(contentId)).map(PlanningServer.Report::report).findFirst();
    }

    /** The SHA-256 of the copy its install command made. */
    String installedSha256() throws IOException {
        byte[] bytes = Files.readAllBytes(installed);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * How many pieces of {@code contentId} its cache marks verified now: the bitmap file, read from outside, in the
     * content's directory, which the cache names by the SHA-256 of the content id (architecture.md, ContentCache).
     */
    int verifiedPieces(String contentId) throws IOException {
        byte[] id = contentId.getBytes(StandardCharsets.UTF_8);
        String dirName;
        try {
            dirName = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        Path marks = state.resolve("cache").resolve(dirName).resolve("pieces");
        if (!Files.exists(marks)) {
            return 0;
        }
        int count = 0;
        for (byte b : Files.readAllBytes(marks)) {
            count += Integer.bitCount(b & 0xff);
        }
        return count;
    }

    /** SIGKILL: no shutdown hook, no last words, as a power cut or an OOM killer would end it. */
    void kill() throws InterruptedException {
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElseThrow();
        handle.destroyForcibly();
        handle.onExit().join();
        assertThat(process.alive()).as(name + " killed").isFalse();
    }

    /** Stops it (SIGTERM) and returns the bytes it served, from its last line {@code content served: N bytes}. */
    long stopAndCountServed() throws InterruptedException {
        process.close();
        process.waitFor(Duration.ofSeconds(10));
        return process.lines().stream().map(SERVED::matcher).filter(Matcher::find)
                .mapToLong(m -> Long.parseLong(m.group(1))).findFirst()
                .orElseThrow(() -> new AssertionError(name + " printed no 'content served:' line; its output:\n"
                        + process.output()));
    }
}
