package dev.cascade.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.agent.discovery.DiscoveryPolicy;
import dev.cascade.agent.discovery.DiscoveryResponder;
import dev.cascade.agent.discovery.Ipv4Subnet;
import dev.cascade.agent.discovery.MemoryPieceInventory;
import dev.cascade.agent.discovery.PieceBitmap;
import dev.cascade.agent.discovery.UploadSlots;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.WireKey;
import picocli.CommandLine;

/**
 * {@code cascade-agent discover} and {@code serve-discovery} in-process, on loopback (127.255.255.255 is
 * 127.0.0.0/8's broadcast address): what an operator types and reads.
 */
class DiscoveryCommandsTest {

    private static final String CONTENT = "app-7";

    @TempDir
    Path dir;

    private final WireKey key = TestHosts.fleetKey(1);
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = AgentMain.commandLine();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString().trim(), err.toString().trim());
    }

    private DiscoveryResponder holder(int port, UUID id, PieceBitmap pieces, int slots) throws Exception {
        MemoryPieceInventory inventory = new MemoryPieceInventory();
        inventory.put(CONTENT, pieces);
        DiscoveryResponder responder = DiscoveryResponder.start(DiscoveryResponder.Settings.defaults(
                        List.of(Ipv4Subnet.of(InetAddress.getLoopbackAddress(), 8)), DiscoveryPolicy.parse("standard"))
                .withBind(new InetSocketAddress(port)), id, KeyRing.of(key), inventory, new UploadSlots(slots));
        closing.add(responder);
        return responder;
    }

    private List<String> discover(int port, String... more) {
        List<String> args = new ArrayList<>(List.of("discover", "--content", CONTENT, "--fleet-key", key.format(),
                "--ip", "127.0.0.1", "--prefix-length", "8", "--port", String.valueOf(port), "--reply-port", "0",
                "--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(more));
        if (!args.contains("--window")) {
            args.addAll(List.of("--window", "300ms"));
        }
        return args;
    }

    @Test
    void discoverPrintsTheHoldersMostUsefulFirst() throws Exception {
        UUID busy = UUID.randomUUID();
        UUID partial = UUID.randomUUID();
        int port = holder(0, busy, PieceBitmap.all(8), 0).localAddress().getPort();
        holder(port, partial, PieceBitmap.of(8, 0, 1, 2, 5, 7), 2);

        Run run = run(discover(port).toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "holder 127.0.0.1 port 34760 pieces 5/8 [0-2,5,7] free device " + partial,
                "holder 127.0.0.1 port 34760 pieces 8/8 [0-7] busy device " + busy,
                "found 2 holders of 'app-7' in 127.0.0.0/8 (1 broadcast to 127.255.255.255:" + port + ", 300 ms window)");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void discoverSaysSoWhenNobodyAnswered() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(0))) {
            Run run = run(discover(silent.getLocalPort(), "--retries", "1").toArray(String[]::new));

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).isEqualTo("no holder of 'app-7' answered in 127.0.0.0/8 (2 broadcasts to 127.255.255.255:"
                    + silent.getLocalPort() + ", 300 ms window)");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void discoverReportsRepliesSignedWithAnotherKey() throws Exception {
        WireKey otherFleet = TestHosts.fleetKey(1);
        MemoryPieceInventory inventory = new MemoryPieceInventory();
        inventory.put(CONTENT, PieceBitmap.all(2));
        // a holder of another fleet cannot even read our DISCOVER: it drops it (bad_tag) and stays silent
        DiscoveryResponder foreign = DiscoveryResponder.start(DiscoveryResponder.Settings.defaults(
                        List.of(Ipv4Subnet.of(InetAddress.getLoopbackAddress(), 8)), DiscoveryPolicy.parse("standard"))
                .withBind(new InetSocketAddress(0)), UUID.randomUUID(), KeyRing.of(otherFleet), inventory, new UploadSlots(1));
        closing.add(foreign);

        Run run = run(discover(foreign.localAddress().getPort(), "--retries", "0").toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(foreign.counters().snapshot().dropped("bad_tag")).isEqualTo(1);
    }

    @Test
    void discoverInAWifiOfficeBroadcastsNothing() throws Exception {
        Run run = run(discover(24329, "--office-type", "wifi").toArray(String[]::new));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("nothing broadcast in 127.0.0.0/8: peers in a Wi-Fi office do not broadcast"
                + " DISCOVER; they find holders through the planner's list");
    }

    @Test
    void discoverRejectsBadInputNamingTheOption() throws Exception {
        assertThat(run(discover(24329, "--window", "0ms").toArray(String[]::new)).err())
                .contains("--window: 0 ms is outside 1 ms..30 s").contains("Run 'cascade-agent discover --help'");
        assertThat(run(discover(24329, "--retries", "9").toArray(String[]::new)).err())
                .contains("--retries: 9 is outside 0..3");
        Run ipv6 = run("discover", "--content", CONTENT, "--fleet-key", key.format(), "--ip", "::1", "--prefix-length",
                "128", "--state-dir", dir.resolve("state").toString());
        assertThat(ipv6.exitCode()).isEqualTo(64);
        assertThat(ipv6.err()).contains("--ip: 0:0:0:0:0:0:0:1 is not an IPv4 address: IPv6 has no broadcast");
        Run noContent = run("discover", "--fleet-key", key.format());
        assertThat(noContent.exitCode()).isEqualTo(64);
        assertThat(noContent.err()).contains("Missing required option: '--content=ID'");
        Run noKey = run("discover", "--content", CONTENT);
        assertThat(noKey.exitCode()).isEqualTo(64);
        assertThat(noKey.err()).contains("--key-file").contains("--fleet-key");
    }

    @Test
    void registeringStillNeedsTheServerAndAKey() throws Exception {
        Run noServer = run("--fleet-key", key.format(), "--once");
        assertThat(noServer.exitCode()).isEqualTo(64);
        assertThat(noServer.err()).contains("Missing required option: '--server=HOST[:PORT]'");

        Run noKey = run("--server", "127.0.0.1:9", "--once");
        assertThat(noKey.exitCode()).isEqualTo(64);
        assertThat(noKey.err()).contains("Missing required argument (specify one of these): "
                + "(--key-file=PATH | --fleet-key=ID:BASE64)");
    }

    @Test
    void serveDiscoveryAnswersWhatItIsToldToHoldUntilStopped() throws Exception {
        Path keyFile = dir.resolve("keys.properties");
        KeyFile.write(keyFile, List.of(key));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = AgentMain.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int[] exitCode = {-1};
        Thread serving = new Thread(() -> exitCode[0] = commandLine.execute("serve-discovery", "--key-file",
                keyFile.toString(), "--ip", "127.0.0.1", "--prefix-length", "8", "--port", "0",
                "--hold", CONTENT + "=8:0-2,5,7", "--hold", "other=3", "--content-port", "24760",
                "--stats-interval", "50ms", "--state-dir", dir.resolve("serving").toString()));
        serving.start();
        try {
            Matcher ready = await(out, Pattern.compile(
                    "listening for DISCOVER on 0\\.0\\.0\\.0:(\\d+) in 127\\.0\\.0\\.0/8 as a standard office;"
                            + " holding 2 contents, content port 24760"));
            int port = Integer.parseInt(ready.group(1));

            Run found = run(discover(port).toArray(String[]::new));

            assertThat(found.exitCode()).as(found.err()).isZero();
            String deviceId = Files.readString(dir.resolve("serving/device-id")).trim();
            assertThat(found.out().lines().findFirst()).contains(
                    "holder 127.0.0.1 port 24760 pieces 5/8 [0-2,5,7] free device " + deviceId);
            await(out, Pattern.compile("^counters received=1 received_bytes=\\d+ answered=1 answered_bytes=\\d+$"));
        } finally {
            serving.interrupt();
            serving.join(5_000);
        }
        assertThat(exitCode[0]).isZero();
    }

    @Test
    void serveDiscoveryNamesAHoldingItCannotRead() throws Exception {
        Run run = run("serve-discovery", "--fleet-key", key.format(), "--ip", "127.0.0.1", "--prefix-length", "8",
                "--hold", "app-7=8:0-9");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--hold").contains("piece 9 is outside 0..7");
    }

    @Test
    void serveDiscoveryExplainsAPortItCannotBind() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(new InetSocketAddress(0))) { // without SO_REUSEADDR: exclusive
            Run run = run("serve-discovery", "--fleet-key", key.format(), "--ip", "127.0.0.1", "--prefix-length", "8",
                    "--port", String.valueOf(taken.getLocalPort()), "--state-dir", dir.resolve("state").toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("cannot listen for DISCOVER on 0.0.0.0:" + taken.getLocalPort() + ": ")
                    .endsWith("(--port chooses another port)");
        }
    }

    private static Matcher await(StringWriter out, Pattern pattern) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : out.toString().split("\\R")) {
                Matcher matcher = pattern.matcher(line);
                if (matcher.find()) {
                    return matcher;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no line matching /" + pattern + "/ in:\n" + out);
    }
}
