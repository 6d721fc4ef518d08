package dev.cascade.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.cascade.agent.content.BadPieceException;
import dev.cascade.agent.content.ContentCache;
import dev.cascade.agent.content.ContentManifest;
import dev.cascade.agent.content.PieceStore;
import dev.cascade.agent.follow.ServedPieces;
import dev.cascade.contracts.v1.PieceRefusalReason;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.transfer.FetchProgress;
import dev.cascade.wire.transfer.FetchResult;
import dev.cascade.wire.transfer.FetchSettings;
import dev.cascade.wire.transfer.FetchSource;
import dev.cascade.wire.transfer.PieceFetcher;
import dev.cascade.wire.transfer.PieceServer;
import dev.cascade.wire.transfer.PieceSink;
import dev.cascade.wire.transfer.ServePolicy;
import dev.cascade.wire.transfer.ServerSettings;
import dev.cascade.wire.transfer.SourceOutcome;

/**
 * Single-source transfer rate between two agent processes (issue 7): one holder JVM serving a content from the
 * agent's own {@link ContentCache} through {@link ServedPieces} (disk read + SHA-256 per piece read) with the agent's
 * {@link PieceServer} settings, one requester JVM fetching it with the agent's {@link PieceFetcher} settings into a
 * {@link PieceStore} (SHA-256, write, two forces per piece), as {@code JobRunner} does. Not a test: a benchmark run
 * by hand (docs/benchmarks.md), as root for the namespace path.
 *
 * <pre>
 * java -cp TEST_CLASS_PATH dev.cascade.agent.PeerTransferHarness drive (loopback|veth) [MiB] [pieceKiB] [jvms]
 *     [fetches per jvm] [tbf rate on the holder, veth only]
 * java -cp TEST_CLASS_PATH dev.cascade.agent.PeerTransferHarness sink [MiB] [pieceKiB]
 * </pre>
 *
 * {@code drive} starts the holder and the requesters as child JVMs ({@code -XX:+UseSerialGC -Xmx256m}, the LAN
 * benchmark's agent options, plus {@code -Dharness.jvm="..."}): on 127.0.0.1, or in two network namespaces joined
 * by one veth pair. It prints one line per fetch: MB/s, CPU per MB on each side, the time spent in the sink, blocks
 * re-requested, duplicates, and the UDP receive and send buffer errors the kernel counted meanwhile
 * ({@code /proc/net/snmp}). {@code sink} times the requester's sink alone. The other roles are its children.
 */
public final class PeerTransferHarness {

    private static final String CONTENT_ID = "harness-content";
    private static final long SEED = 7;
    private static final WireKey FLEET = new WireKey(1, KeyPurpose.FLEET, new byte[32], null);
    private static final List<String> JVM = List.of("-XX:+UseSerialGC", "-Xmx256m");
    private static final String NS_HOLDER = "cas-speed-h";
    private static final String NS_REQUESTER = "cas-speed-r";

    private PeerTransferHarness() {
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 0 ? "" : args[0]) {
            case "drive" -> drive(args[1], intArg(args, 2, 64), intArg(args, 3, 256), intArg(args, 4, 2),
                    intArg(args, 5, 3), args.length > 6 ? args[6] : null);
            case "serve" -> serve(InetAddress.getByName(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            case "fetch" -> fetch(new InetSocketAddress(args[1], Integer.parseInt(args[2])), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]), UUID.fromString(args[5]), Integer.parseInt(args[6]));
            case "sink" -> sink(intArg(args, 1, 64), intArg(args, 2, 256));
            default -> throw new IllegalArgumentException("usage: drive (loopback|veth) [MiB] [pieceKiB] [runs]; was "
                    + List.of(args));
        }
    }

    private static int intArg(String[] args, int index, int otherwise) {
        return args.length > index ? Integer.parseInt(args[index]) : otherwise;
    }

    // ---------------------------------------------------------------------------------------------------- driver

    private static void drive(String path, int mib, int pieceKib, int jvms, int fetches, String rate)
            throws Exception {
        boolean veth = switch (path) {
            case "loopback" -> false;
            case "veth" -> true;
            default -> throw new IllegalArgumentException("path must be loopback or veth, was " + path);
        };
        String holderIp = veth ? "10.231.0.1" : "127.0.0.1";
        if (veth) {
            vethPair();
            if (rate != null) { // the LAN benchmark's upload limit, on the holder's side
                runOrThrow("ip", "netns", "exec", NS_HOLDER, "tc", "qdisc", "replace", "dev", "eth0", "root", "tbf",
                        "rate", rate, "burst", "64kb", "latency", "100ms");
            }
        }
        try {
            Process holder = start(veth ? NS_HOLDER : null, "serve", holderIp, "0", Integer.toString(mib),
                    Integer.toString(pieceKib));
            BufferedReader holderOut = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            PrintStream holderIn = new PrintStream(holder.getOutputStream(), true, StandardCharsets.UTF_8);
            String ready = expect(holderOut, "READY");
            String[] words = ready.split(" ");
            String port = words[1];
            String holderId = words[2];
            System.out.printf(Locale.ROOT, "%s%s, %d MiB in %d KiB pieces, holder %s:%s%n", path,
                    rate == null ? "" : " (holder upload tbf " + rate + ")", mib, pieceKib, holderIp, port);
            for (int jvm = 1; jvm <= jvms; jvm++) {
                Process requester = start(veth ? NS_REQUESTER : null, "fetch", holderIp, port, Integer.toString(mib),
                        Integer.toString(pieceKib), holderId, Integer.toString(fetches));
                BufferedReader requesterOut = new BufferedReader(new InputStreamReader(requester.getInputStream(),
                        StandardCharsets.UTF_8));
                PrintStream requesterIn = new PrintStream(requester.getOutputStream(), true, StandardCharsets.UTF_8);
                for (int fetch = 1; fetch <= fetches; fetch++) {
                    expect(requesterOut, "BEGIN");
                    long[] snmpBefore = udpErrors(veth);
                    holderIn.println("stats");
                    String[] before = expect(holderOut, "STATS").split(" ");
                    requesterIn.println("go");
                    String result = expect(requesterOut, "RESULT");
                    holderIn.println("stats");
                    String[] after = expect(holderOut, "STATS").split(" ");
                    long[] snmpAfter = udpErrors(veth);
                    double holderCpuMs = (Long.parseLong(after[1]) - Long.parseLong(before[1])) / 1e6;
                    long holderUser = Long.parseLong(after[3]) - Long.parseLong(before[3]);
                    long holderSys = Long.parseLong(after[4]) - Long.parseLong(before[4]);
                    long holderBlocks = Long.parseLong(after[2]) - Long.parseLong(before[2]);
                    System.out.printf(Locale.ROOT, "jvm %d fetch %d (%s): %s holder_cpu_ms_per_MB=%.1f (user %d ms,"
                                    + " sys %d ms) holder_blocks=%d rcvbuf_errors=%d sndbuf_errors=%d holder_dropped=%s%n",
                            jvm, fetch, fetch == 1 ? "cold" : "warm", result.substring("RESULT ".length()),
                            holderCpuMs / (mib * 1.048576), holderUser, holderSys, holderBlocks,
                            snmpAfter[0] - snmpBefore[0], snmpAfter[1] - snmpBefore[1], after[5]);
                }
                requesterIn.close();
                requester.waitFor();
            }
            holderIn.close();
            holder.waitFor();
        } finally {
            if (veth) {
                run("ip", "netns", "del", NS_HOLDER);
                run("ip", "netns", "del", NS_REQUESTER);
            }
        }
    }

    private static void vethPair() {
        run("ip", "netns", "del", NS_HOLDER);
        run("ip", "netns", "del", NS_REQUESTER);
        runOrThrow("ip", "netns", "add", NS_HOLDER);
        runOrThrow("ip", "netns", "add", NS_REQUESTER);
        runOrThrow("ip", "-n", NS_HOLDER, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0", "netns",
                NS_REQUESTER);
        runOrThrow("ip", "-n", NS_HOLDER, "addr", "add", "10.231.0.1/24", "dev", "eth0");
        runOrThrow("ip", "-n", NS_REQUESTER, "addr", "add", "10.231.0.2/24", "dev", "eth0");
        for (String ns : List.of(NS_HOLDER, NS_REQUESTER)) {
            runOrThrow("ip", "-n", ns, "link", "set", "eth0", "mtu", "1500", "up");
            runOrThrow("ip", "-n", ns, "link", "set", "lo", "up");
        }
    }

    /** UDP RcvbufErrors and SndbufErrors, summed over both namespaces (or the machine's, on loopback). */
    private static long[] udpErrors(boolean veth) throws IOException {
        long[] sum = new long[2];
        for (String ns : veth ? List.of(NS_HOLDER, NS_REQUESTER) : List.of("")) {
            List<String> command = new ArrayList<>(List.of("cat", "/proc/net/snmp"));
            if (!ns.isEmpty()) {
                command.addAll(0, List.of("ip", "netns", "exec", ns));
            }
            Process cat = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<String> lines = new BufferedReader(new InputStreamReader(cat.getInputStream(), StandardCharsets.UTF_8))
                    .lines().filter(l -> l.startsWith("Udp:")).toList();
            List<String> names = List.of(lines.get(0).split(" "));
            String[] values = lines.get(1).split(" ");
            sum[0] += Long.parseLong(values[names.indexOf("RcvbufErrors")]);
            sum[1] += Long.parseLong(values[names.indexOf("SndbufErrors")]);
        }
        return sum;
    }

    private static Process start(String namespace, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        if (namespace != null) {
            command.addAll(List.of("ip", "netns", "exec", namespace));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM);
        String extra = System.getProperty("harness.jvm", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), PeerTransferHarness.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static String expect(BufferedReader in, String prefix) throws IOException {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.startsWith(prefix)) {
                return line;
            }
            System.out.println("  | " + line);
        }
        throw new IllegalStateException("child ended before printing " + prefix);
    }

    private static void run(String... command) {
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void runOrThrow(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------- roles

    private static ContentManifest manifest(GeneratedContent content) {
        return ContentManifest.from(content.notice().getContent());
    }

    private static ContentCache cache(String role) throws IOException {
        Path dir = Files.createTempDirectory("cascade-harness-" + role);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir))); // 64 MiB each: not left behind
        return ContentCache.open(dir, new StorageFacts(dir, java.util.OptionalLong.empty()), System::currentTimeMillis);
    }

    /** The holder: lays the content into a cache, serves it, answers "stats" lines on stdin until stdin ends. */
    private static void serve(InetAddress bind, int port, int mib, int pieceKib) throws Exception {
        GeneratedContent content = new GeneratedContent(CONTENT_ID, mib << 20, pieceKib << 10, SEED);
        try (ContentCache cache = cache("holder")) {
            PieceStore store = cache.start(manifest(content));
            for (int p = 0; p < content.pieceCount(); p++) {
                store.write(p, content.piece(p));
            }
            UUID holderId = UUID.randomUUID();
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(bind, port));
            try (PieceServer server = new PieceServer(socket, KeyRing.of(FLEET), holderId, new SequenceCounter(),
                    new ServedPieces(cache, null), ServePolicy.SERVE_ALL, ServerSettings.DEFAULTS, Clock.systemUTC())
                    .start()) {
                System.out.println("READY " + server.port() + " " + holderId);
                BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.equals("stats")) {
                        long[] us = userSystemMillis();
                        System.out.println("STATS " + cpuNanos() + " " + server.blocksSent() + " " + us[0] + " "
                                + us[1] + " "
                                + "rate_limited=" + server.dropped("rate_limited") + ",busy="
                                + server.refusals(PieceRefusalReason.PIECE_REFUSAL_REASON_BUSY) + ",not_held="
                                + server.refusals(PieceRefusalReason.PIECE_REFUSAL_REASON_NOT_HELD));
                    }
                }
            }
        }
    }

    /**
     * The requester: {@code fetches} times, waits for "go" on stdin, fetches the whole content into a fresh cache as
     * JobRunner does, prints one RESULT line. The first fetch is the JVM's first (cold), as an agent's first content.
     */
    private static void fetch(InetSocketAddress holder, int mib, int pieceKib, UUID holderId, int fetches)
            throws Exception {
        GeneratedContent content = new GeneratedContent(CONTENT_ID, mib << 20, pieceKib << 10, SEED);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (int fetch = 1; fetch <= fetches; fetch++) {
            System.out.println("BEGIN");
            if (!"go".equals(in.readLine())) {
                return;
            }
            fetchOnce(holder, content, holderId);
        }
    }

    private static void fetchOnce(InetSocketAddress holder, GeneratedContent content, UUID holderId) throws Exception {
        try (ContentCache cache = cache("requester");
             DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(
                     holder.getAddress().isLoopbackAddress() ? "127.0.0.1" : "0.0.0.0"), 0))) {
            PieceStore store = cache.start(manifest(content));
            PieceFetcher fetcher = new PieceFetcher(socket, KeyRing.of(FLEET), UUID.randomUUID(), new SequenceCounter(),
                    FetchSettings.DEFAULTS, Clock.systemUTC());
            long[] sinkNanos = new long[2]; // total, longest
            PieceSink sink = (piece, data) -> {
                long began = System.nanoTime();
                try {
                    store.write(piece, data);
                    return PieceSink.Verdict.ACCEPTED;
                } catch (BadPieceException e) {
                    return PieceSink.Verdict.BAD_PIECE;
                } finally {
                    long took = System.nanoTime() - began;
                    sinkNanos[0] += took;
                    sinkNanos[1] = Math.max(sinkNanos[1], took);
                }
            };
            long cpu = cpuNanos();
            long[] us = userSystemMillis();
            long start = System.nanoTime();
            FetchResult result = fetcher.fetch(manifest(content).forTransfer(),
                    List.of(FetchSource.holdingAll(holderId, holder)), new BitSet(), sink, FetchProgress.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMs = (cpuNanos() - cpu) / 1e6;
            long[] usAfter = userSystemMillis();
            double mb = content.size() / 1e6;
            if (!result.complete() || !store.complete() || !store.verifyWhole().matches()) {
                throw new IllegalStateException("fetch did not complete: " + result);
            }
            System.out.printf(Locale.ROOT, "RESULT MB/s=%.1f seconds=%.2f requester_cpu_ms_per_MB=%.1f (user %d ms,"
                            + " sys %d ms) sink_ms=%d (longest %.1f) blocks=%d rerequested=%d duplicates=%d outcome=%s%n",
                    mb / seconds, seconds, cpuMs / mb, usAfter[0] - us[0], usAfter[1] - us[1], sinkNanos[0] / 1_000_000,
                    sinkNanos[1] / 1e6, result.blocksReceived(), result.blocksRerequested(), result.duplicateBlocks(),
                    result.sources().get(0).outcome());
        }
    }

    /** The requester's sink alone: SHA-256 of each piece, and PieceStore.write (hash, write, two forces), timed. */
    private static void sink(int mib, int pieceKib) throws Exception {
        GeneratedContent content = new GeneratedContent(CONTENT_ID, mib << 20, pieceKib << 10, SEED);
        byte[][] pieces = new byte[content.pieceCount()][];
        for (int p = 0; p < pieces.length; p++) {
            pieces[p] = content.piece(p);
        }
        for (int round = 1; round <= 3; round++) {
            long hash = 0;
            for (byte[] piece : pieces) {
                long began = System.nanoTime();
                java.security.MessageDigest.getInstance("SHA-256").digest(piece);
                hash += System.nanoTime() - began;
            }
            try (ContentCache cache = cache("sink")) {
                PieceStore store = cache.start(manifest(content));
                long write = 0;
                for (int p = 0; p < pieces.length; p++) {
                    long began = System.nanoTime();
                    store.write(p, pieces[p]);
                    write += System.nanoTime() - began;
                }
                System.out.printf(Locale.ROOT, "round %d: per piece sha256 %.2f ms, PieceStore.write %.2f ms%n", round,
                        hash / 1e6 / pieces.length, write / 1e6 / pieces.length);
            }
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("could not delete " + root + ": " + e.getMessage());
        }
    }

    /** User and system CPU time of this process so far, in milliseconds ({@code /proc/self/stat}, Linux). */
    private static long[] userSystemMillis() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is the state (field 3): utime and stime are fields 14 and 15, in clock ticks of 10 ms
            return new long[] {Long.parseLong(fields[11]) * 10, Long.parseLong(fields[12]) * 10};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
