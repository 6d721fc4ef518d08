package dev.cascade.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.ClientActivation;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.contracts.v1.Register;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.contracts.v1.SupportedRange;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyWrap;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;
import picocli.CommandLine;

/** The whole command in-process against a stand-in server on real UDP sockets: what an operator sees. */
class AgentMainTest {

    @TempDir
    Path dir;

    private final WireKey key = TestHosts.fleetKey(1);

    record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new AgentMain(TestHosts.machine(dir.resolve("host"))));
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, out.toString().trim(), err.toString().trim());
    }

    /** --once against {@code server} with an OS-chosen reply port and, unless {@code more} sets them, small timeouts. */
    private String[] once(StandInServer server, WireKey agentKey, String... more) {
        List<String> args = new ArrayList<>(List.of("--server", server.address(), "--fleet-key", agentKey.format(),
                "--once", "--reply-port", "0", "--state-dir", dir.resolve("state").toString()));
        args.addAll(Arrays.asList(more));
        if (!args.contains("--max-attempts")) {
            args.addAll(List.of("--max-attempts", "4", "--initial-timeout", "100ms"));
        }
        return args.toArray(String[]::new);
    }

    @Test
    void registersAndKeepsTheDeviceIdAcrossRuns() throws Exception {
        try (StandInServer server = new StandInServer(key, (i, got, s) -> s.ack(got, "event-" + i))) {
            Run first = run(once(server, key, "--hostname", "pc-0042", "--os-type", "server", "--cache-limit", "1M"));

            String deviceId = Files.readString(dir.resolve("state/device-id")).trim();
            assertThat(first.exitCode()).as(first.err()).isZero();
            assertThat(first.out()).isEqualTo("registered device " + deviceId + " as pc-0042 (127.0.0.1/8) with "
                    + server.address() + "; event event-1");
            assertThat(first.err()).isEmpty();

            StandInServer.Received received = server.received().get(0);
            assertThat(received.authenticated()).isTrue();
            assertThat(received.header().senderId()).isEqualTo(UUID.fromString(deviceId));
            Register register = received.register();
            assertThat(register.getHostname()).isEqualTo("pc-0042");
            assertThat(register.getIpAddress()).isEqualTo("127.0.0.1");
            assertThat(register.getPrefixLength()).isEqualTo(8);
            assertThat(register.getDeviceClass()).isEqualTo(DeviceClass.DEVICE_CLASS_DESKTOP);
            assertThat(register.getOsType()).isEqualTo(OsType.OS_TYPE_SERVER);
            assertThat(register.getClientVersion()).isEqualTo("1.0.0");
            assertThat(register.getBootTimeUnixMs()).isEqualTo(TestHosts.BOOT_TIME_SECONDS * 1000);
            assertThat(register.getFreeStorageBytes()).isPositive();
            assertThat(register.getUsableStorageBytes()).isEqualTo(1L << 20);

            Run second = run(once(server, key, "--hostname", "pc-0042"));

            assertThat(second.exitCode()).isZero();
            assertThat(second.out()).startsWith("registered device " + deviceId + " as pc-0042").endsWith("event event-2");
            assertThat(server.received()).hasSize(2);
            assertThat(server.received().get(1).header().senderId()).isEqualTo(UUID.fromString(deviceId));
        }
    }

    @Test
    void takesHostnameDeviceClassAndKeyFromTheMachineAndTheKeyFileByDefault() throws Exception {
        Path keyFile = dir.resolve("keys.properties");
        KeyFile.write(keyFile, List.of(key));
        Files.createDirectories(dir.resolve("host/sys/class/power_supply/BAT0"));
        try (StandInServer server = new StandInServer(key, (i, got, s) -> s.ack(got, "e"))) {
            Run run = run("--server", server.address(), "--key-file", keyFile.toString(), "--once", "--reply-port", "0",
                    "--state-dir", dir.resolve("state").toString());

            assertThat(run.exitCode()).as(run.err()).isZero();
            Register register = server.received().get(0).register();
            assertThat(register.getHostname()).isEqualTo("test-host");
            assertThat(register.getDeviceClass()).isEqualTo(DeviceClass.DEVICE_CLASS_LAPTOP);
            assertThat(register.getOsType()).isEqualTo(OsType.OS_TYPE_WORKSTATION);
            assertThat(register.getUsableStorageBytes()).isGreaterThanOrEqualTo(register.getFreeStorageBytes());
        }
    }

    @Test
    void retransmitsUntilTheServerAnswers() throws Exception {
        try (StandInServer server = new StandInServer(key, (i, got, s) -> i <= 2 ? null : s.ack(got, "late"))) {
            Run run = run(once(server, key));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).endsWith("; event late");
            List<StandInServer.Received> received = server.received();
            assertThat(received).hasSize(3).allMatch(StandInServer.Received::authenticated);
            assertThat(received.stream().map(r -> r.header().sequence()).toList()).doesNotHaveDuplicates().isSorted();
            assertThat(received.stream().map(r -> r.header().senderId()).distinct()).hasSize(1);
        }
    }

    @Test
    void explainsARefusedKey() throws Exception {
        WireKey wrongKey = TestHosts.fleetKey(7);
        try (StandInServer server = new StandInServer(key, (i, got, s) -> s.unauthenticatedReject(got,
                Reject.newBuilder().setReason(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED)))) {
            Run run = run(once(server, wrongKey));

            assertThat(server.received().get(0).authenticated()).isFalse();
            assertThat(run.exitCode()).isEqualTo(3);
            assertThat(run.err()).isEqualTo("the server refused our key (key id 7): check --key-file/--fleet-key"
                    + " against the server's fleet key");
            assertThat(run.out()).isEmpty();
        }
    }

    @Test
    void namesTheSupportedClientVersions() throws Exception {
        try (StandInServer server = new StandInServer(key, (i, got, s) -> s.signedReject(got, Reject.newBuilder()
                .setReason(RejectReason.REJECT_REASON_UNSUPPORTED_CLIENT_VERSION)
                .setSupportedClientVersions(SupportedRange.newBuilder().setMin("2.0.0").setMax("2.99.99"))))) {
            Run run = run(once(server, key));

            assertThat(run.exitCode()).isEqualTo(4);
            assertThat(run.err()).isEqualTo("the server supports client versions 2.0.0..2.99.99; this agent is 1.0.0");
        }
    }

    @Test
    void measuresClockSkew() throws Exception {
        try (StandInServer server = new StandInServer(key, (i, got, s) -> s.signedReject(got, Reject.newBuilder()
                .setReason(RejectReason.REJECT_REASON_STALE_TIMESTAMP)
                .setServerTimeUnixMs(System.currentTimeMillis() - 600_000)))) {
            Run run = run(once(server, key));

            assertThat(run.exitCode()).isEqualTo(5);
            assertThat(run.err()).isEqualTo("our clock is 600 s off the server's: fix the clock (ours is ahead)");
        }
    }

    @Test
    void printsTheServersDetailForAMalformedPayload() throws Exception {
        try (StandInServer server = new StandInServer(key, (i, got, s) -> s.signedReject(got, Reject.newBuilder()
                .setReason(RejectReason.REJECT_REASON_MALFORMED_PAYLOAD)
                .setDetail("prefix_length 40 is outside 0..32 for IPv4 address 127.0.0.1")))) {
            Run run = run(once(server, key));

            assertThat(run.exitCode()).isEqualTo(6);
            assertThat(run.err()).isEqualTo("the server refused our registration as malformed: prefix_length 40 is"
                    + " outside 0..32 for IPv4 address 127.0.0.1");
        }
    }

    @Test
    void waitsAsAnOverloadedServerAsksWithinTheAttempts() throws Exception {
        try (StandInServer server = new StandInServer(key, (i, got, s) -> i == 1
                ? s.signedReject(got, Reject.newBuilder().setReason(RejectReason.REJECT_REASON_OVERLOADED).setRetryAfterMs(200))
                : s.ack(got, "after-overload"))) {
            long started = System.nanoTime();
            Run run = run(once(server, key));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).endsWith("event after-overload");
            assertThat(System.nanoTime() - started).isGreaterThanOrEqualTo(200_000_000L);
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void givesUpAfterTheLastAttemptWhenNobodyAnswers() throws Exception {
        try (StandInServer server = StandInServer.silent(key)) {
            long started = System.nanoTime();
            Run run = run(once(server, key, "--max-attempts", "3", "--initial-timeout", "50ms"));
            double seconds = (System.nanoTime() - started) / 1e9;

            assertThat(run.exitCode()).isEqualTo(2);
            assertThat(run.err()).matches("no answer from " + server.address().replace(".", "\\.")
                    + " after 3 attempts over \\d+\\.\\d s: is the gateway running and UDP reachable\\?");
            assertThat(server.received()).hasSize(3);
            // 50 + 100 + 200 ms, +25 % jitter at most, plus start-up
            assertThat(seconds).isLessThan(3.0);
        }
    }

    @Test
    void rejectsABadCacheLimitNamingTheOption() throws Exception {
        Run run = run("--server", "127.0.0.1:9", "--fleet-key", key.format(), "--once", "--cache-limit", "10X");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--cache-limit").contains("'10X' is not a size");
    }

    @Test
    void rejectsAMalformedFleetKeyNamingTheOption() throws Exception {
        Run run = run("--server", "127.0.0.1:9", "--fleet-key", "1:c2hvcnQ=", "--once");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--fleet-key").contains("32 bytes");
    }

    @Test
    void rejectsAMissingKeyFileNamingTheOption() throws Exception {
        Path missing = dir.resolve("no-such-keys.properties");
        Run run = run("--server", "127.0.0.1:9", "--key-file", missing.toString(), "--once");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--key-file").contains(missing + "' is not a file");
    }

    @Test
    void rejectsAKeyFileWithoutAFleetKey() throws Exception {
        Path keyFile = dir.resolve("connector-only.properties");
        KeyFile.write(keyFile, List.of(new WireKey(2, dev.cascade.wire.KeyPurpose.CONNECTOR, new byte[32], null)));
        Run run = run("--server", "127.0.0.1:9", "--key-file", keyFile.toString(), "--once");

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--key-file").contains("has no current fleet key");
    }

    @Test
    void rejectsAnAddressWithoutAKnownPrefixLength() throws Exception {
        Run run = run("--server", "127.0.0.1:9", "--fleet-key", key.format(), "--once", "--ip", "127.0.1.5",
                "--state-dir", dir.resolve("state").toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--prefix-length: no network interface holds 127.0.1.5");
    }

    @Test
    void registersASimulatedOfficeAddressWithAnExplicitPrefix() throws Exception {
        try (StandInServer server = new StandInServer(key, (i, got, s) -> s.ack(got, "e"))) {
            Run run = run(once(server, key, "--ip", "127.0.1.5", "--prefix-length", "24"));

            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("(127.0.1.5/24)");
            Register register = server.received().get(0).register();
            assertThat(register.getIpAddress()).isEqualTo("127.0.1.5");
            assertThat(register.getPrefixLength()).isEqualTo(24);
        }
    }

    @Test
    void rejectsAPrefixLongerThanTheAddress() throws Exception {
        Run run = run("--server", "127.0.0.1:9", "--fleet-key", key.format(), "--once", "--prefix-length", "33",
                "--state-dir", dir.resolve("state").toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--prefix-length: 33 is outside 0..32");
    }

    @Test
    void rejectsAStateDirectoryThatCannotHoldTheDeviceId() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("state-file"), "x");
        Run run = run("--server", "127.0.0.1:9", "--fleet-key", key.format(), "--once", "--state-dir",
                notADirectory.toString(), "--cache-dir", dir.resolve("cache").toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--state-dir: cannot write the device id to " + notADirectory.resolve("device-id"));
    }

    @Test
    void explainsAReplyPortInUse() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Run run = run("--server", "127.0.0.1:9", "--fleet-key", key.format(), "--once", "--bind", "127.0.0.1",
                    "--reply-port", String.valueOf(taken.getLocalPort()), "--state-dir", dir.resolve("state").toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("cannot listen for replies on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .endsWith("(is another agent running? --reply-port chooses another port)");
        }
    }

    /** Polls {@code condition} until it holds (10 s at most): the agent runs on its own thread. */
    private static <T> T await(java.util.function.Supplier<java.util.Optional<T>> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            java.util.Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    @Test
    void learnsTheFleetKeyTheServerDeliversSignsTheNextHeartbeatWithItAndKeepsItAcrossARestart() throws Exception {
        WireKey delivered = TestHosts.fleetKey(7);
        java.time.Instant graceEnd = java.time.Instant.parse("2099-01-01T00:00:00Z");
        Path state = dir.resolve("state");
        try (StandInServer server = new StandInServer(key, dev.cascade.wire.KeyRing.of(key, delivered),
                (i, got, s) -> got.type() == MessageType.ACK || got.type() == MessageType.REJECT ? null : s.ack(got, "e-" + i))) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine commandLine = new CommandLine(new AgentMain(TestHosts.machine(dir.resolve("host"))));
            commandLine.setOut(new PrintWriter(out));
            commandLine.setErr(new PrintWriter(err));
            Thread agent = new Thread(() -> commandLine.execute("--server", server.address(), "--fleet-key", key.format(),
                    "--reply-port", "0", "--listen-port", "0", "--content-port", "0", "--background-port", "0",
                    "--large-listen-port", "0", "--discovery-port", "0", "--state-dir", state.toString(),
                    "--heartbeat-interval", "200ms", "--initial-timeout", "100ms"), "agent-under-test");
            agent.start();
            try {
                java.util.regex.Matcher listening = await(() -> out.toString().lines()
                        .map(java.util.regex.Pattern.compile("listening for server messages on 127\\.0\\.0\\.1:(\\d+)")::matcher)
                        .filter(java.util.regex.Matcher::matches).findFirst(), "the listening line");
                await(() -> server.received().stream().filter(r -> r.type() == MessageType.REGISTER).findFirst(),
                        "a registration");
                byte[] activation = DatagramCodec.encode(MessageType.CLIENT_ACTIVATION, server.serverId(), key, 1,
                        System.currentTimeMillis(), ClientActivation.newBuilder().setActivated(true)
                                .setFleetKey(KeyWrap.wrap(delivered, key)).setServerName("cascade-hq")
                                .setPreviousKeyValidUntilUnixMs(graceEnd.toEpochMilli()).build().toByteArray());

                server.send(activation, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        Integer.parseInt(listening.group(1))));

                StandInServer.Received ack = await(() -> server.received().stream()
                        .filter(r -> r.type() == MessageType.ACK).findFirst(), "the agent's ACK");
                assertThat(ack.authenticated()).isTrue();
                assertThat(ack.header().keyId()).isEqualTo(1); // tagged with the key that verified the activation
                assertThat(Ack.parseFrom(((Verification.Accepted) ack.verification()).datagram().payload())
                        .getAckedSequence()).isEqualTo(1);
                assertThat(KeyFile.read(state.resolve("fleet-keys.properties")))
                        .containsExactlyInAnyOrder(delivered, key.retiredUntil(graceEnd));
                int acked = server.received().indexOf(ack);
                StandInServer.Received heartbeat = await(() -> server.received().stream().skip(acked + 1)
                        .filter(r -> r.type() == MessageType.HEARTBEAT && r.header().keyId() == 7).findFirst(),
                        "a heartbeat tagged with key 7");
                assertThat(heartbeat.authenticated()).isTrue();
                // one heartbeat tagged just before the key changed may overtake the ACK on its way; no more
                assertThat(server.received().stream().skip(acked + 1)
                        .filter(r -> r.type() == MessageType.HEARTBEAT && r.header().keyId() == 1)).hasSizeLessThan(2);
                assertThat(out.toString()).contains("fleet key 7 received from server cascade-hq; key 1 valid until "
                        + graceEnd);
            } finally {
                agent.interrupt();
                agent.join(10_000);
            }
            assertThat(agent.isAlive()).isFalse();
            assertThat(out.toString()).contains("server messages: received=1 acked=1 rejected=0");

            Run restarted = run(once(server, key));

            assertThat(restarted.exitCode()).as(restarted.err()).isZero();
            assertThat(restarted.out()).startsWith("signing with fleet key 7 (delivered by the server, kept in "
                    + state.resolve("fleet-keys.properties") + ")");
            List<StandInServer.Received> received = server.received();
            StandInServer.Received register = received.get(received.size() - 1);
            assertThat(register.type()).isEqualTo(MessageType.REGISTER);
            assertThat(register.header().keyId()).isEqualTo(7);
        }
    }

    @Test
    void explainsAContentPortInUse() throws Exception {
        try (StandInServer server = new StandInServer(key, (i, got, s) -> s.ack(got, "e"));
             DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Run run = run("--server", server.address(), "--fleet-key", key.format(), "--bind", "127.0.0.1",
                    "--reply-port", "0", "--listen-port", "0", "--large-listen-port", "0",
                    "--content-port", String.valueOf(taken.getLocalPort()), "--background-port", "0",
                    "--state-dir", dir.resolve("state").toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("cannot serve content on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .endsWith("(is another agent running? --content-port chooses another port)");
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void refusesASeedWithoutALibraryAndALibraryThatIsNoFolder() throws Exception {
        Run noLibrary = run("--server", "127.0.0.1:9", "--fleet-key", key.format(), "--seed",
                "--state-dir", dir.resolve("state").toString());
        Run notAFolder = run("--server", "127.0.0.1:9", "--fleet-key", key.format(), "--seed", "--library",
                dir.resolve("missing").toString(), "--state-dir", dir.resolve("state").toString());
        Run badCommand = run("--server", "127.0.0.1:9", "--fleet-key", key.format(), "--install-command", "setup {disk}",
                "--state-dir", dir.resolve("state").toString());

        assertThat(noLibrary.exitCode()).isEqualTo(Outcome.USAGE);
        assertThat(noLibrary.err()).startsWith("--seed needs --library DIR: the folder the seed serves from");
        assertThat(notAFolder.exitCode()).isEqualTo(Outcome.USAGE);
        assertThat(notAFolder.err()).startsWith("--library: " + dir.resolve("missing") + " is not a directory");
        assertThat(badCommand.exitCode()).isEqualTo(Outcome.USAGE);
        assertThat(badCommand.err()).startsWith("--install-command 'setup {disk}' has the placeholder {disk}; expected"
                + " {file} or {content}");
    }

    @Test
    void explainsAListenPortInUse() throws Exception {
        try (StandInServer server = new StandInServer(key, (i, got, s) -> s.ack(got, "e"));
             DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Run run = run("--server", server.address(), "--fleet-key", key.format(), "--bind", "127.0.0.1",
                    "--reply-port", "0", "--listen-port", String.valueOf(taken.getLocalPort()), "--content-port", "0",
                    "--background-port", "0", "--large-listen-port", "0",
                    "--state-dir", dir.resolve("state").toString());

            assertThat(run.exitCode()).isEqualTo(1);
            assertThat(run.err()).startsWith("cannot listen for server messages on 127.0.0.1:" + taken.getLocalPort() + ": ")
                    .endsWith("(is another agent running? --listen-port chooses another port)");
            assertThat(server.received()).isEmpty();
        }
    }

    @Test
    void rejectsAListenPortOutOfRange() throws Exception {
        Run run = run("--server", "127.0.0.1:9", "--fleet-key", key.format(), "--listen-port", "70000",
                "--state-dir", dir.resolve("state").toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--listen-port: 70000 is outside 0..65535");
    }

    @Test
    void rejectsADiscoveryPortOutOfRange() throws Exception {
        Run run = run("--server", "127.0.0.1:9", "--fleet-key", key.format(), "--discovery-port", "-1",
                "--state-dir", dir.resolve("state").toString());

        assertThat(run.exitCode()).isEqualTo(64);
        assertThat(run.err()).contains("--discovery-port: -1 is outside 0..65535");
    }

    @Test
    void theJarsCommandLinePrintsAShortUsageError() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = AgentMain.commandLine();
        commandLine.setErr(new PrintWriter(err));

        int exitCode = commandLine.execute("--fleet-key", key.format());

        assertThat(exitCode).isEqualTo(64);
        assertThat(err.toString()).contains("Missing required option: '--server=HOST[:PORT]'")
                .contains("Run 'cascade-agent --help'").doesNotContain("--reregister-interval");
    }
}
