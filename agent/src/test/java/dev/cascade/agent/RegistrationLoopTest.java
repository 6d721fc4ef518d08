package dev.cascade.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.contracts.v1.SupportedRange;
import dev.cascade.wire.DecodedPayload;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.PayloadDecoder;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.SmallMessageClient;
import dev.cascade.wire.WireKey;

/** The long-running mode: what it retries, how long it pauses, and what makes it stop. */
class RegistrationLoopTest {

    private static final Duration ROUND_PAUSE = Duration.ofSeconds(30);
    private static final Duration REREGISTER = Duration.ofMinutes(15);

    @TempDir
    Path dir;

    private final WireKey key = TestHosts.fleetKey(1);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final List<Duration> pauses = new ArrayList<>();
    /** Longer than REREGISTER: no heartbeats unless a test asks for them. */
    private Duration heartbeatInterval = Duration.ofHours(1);
    private boolean busy;

    /** Records each pause instead of sleeping, and stops the loop at the {@code stopAt}-th. */
    private RegistrationLoop.Sleeper recording(int stopAt) {
        return duration -> {
            pauses.add(duration);
            if (pauses.size() >= stopAt) {
                throw new InterruptedException("test done");
            }
        };
    }

    private static void assertAround(Duration actual, Duration expected, double jitter) {
        long slack = Math.round(expected.toMillis() * jitter);
        assertThat(actual.toMillis()).isBetween(expected.toMillis() - slack, expected.toMillis() + slack);
    }

    private int runUntilStopped(StandInServer server, int stopAtPause) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        AgentConfig config = new AgentConfig(ServerAddress.parse(server.address()),
                new InetSocketAddress(loopback, server.port()), key, dir, loopback, 0, "pc-7", loopback, 8,
                DeviceClass.DEVICE_CLASS_DESKTOP, OsType.OS_TYPE_WORKSTATION, dir.resolve("cache"),
                OptionalLong.empty(), false, REREGISTER, heartbeatInterval, 2, Duration.ofMillis(40), ROUND_PAUSE,
                Duration.ofMinutes(10));
        try (DatagramSocket socket = new DatagramSocket(0, loopback)) {
            UUID deviceId = UUID.randomUUID();
            SmallMessageClient client = new SmallMessageClient(socket, deviceId, key, new SequenceCounter(),
                    Clock.systemUTC());
            Registration registration = new Registration(config, deviceId, client,
                    new StorageFacts(config.cacheDir(), OptionalLong.empty()), 1L, Clock.systemUTC());
            HeartbeatExchange heartbeat = new HeartbeatExchange(config, client,
                    new StorageFacts(config.cacheDir(), OptionalLong.empty()), 1L, () -> busy, Clock.systemUTC());
            return new RegistrationLoop(registration, heartbeat, config, recording(stopAtPause), new PrintWriter(out),
                    new PrintWriter(err)).runUntilStopped();
        }
    }

    @Test
    void keepsTryingAfterAnUnauthenticatedKeyRefusalAndReregistersPeriodically() throws Exception {
        Reject.Builder keyRefused = Reject.newBuilder().setReason(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED);
        try (StandInServer server = new StandInServer(key,
                (i, got, s) -> i == 1 ? s.unauthenticatedReject(got, keyRefused) : s.ack(got, "event-" + i))) {
            assertThatThrownBy(() -> runUntilStopped(server, 3)).isInstanceOf(InterruptedException.class);

            assertThat(err.toString()).startsWith("the server refused our key (key id 1): check --key-file/--fleet-key"
                    + " against the server's fleet key (unauthenticated reply: it may be forged); trying again in ");
            assertThat(out.toString().lines()).hasSize(2).allMatch(line -> line.startsWith("registered device "));
            assertThat(out.toString()).contains("event-2").contains("event-3");
            assertAround(pauses.get(0), Duration.ofSeconds(2), 0.25); // the gateway may not have loaded the key yet
            assertAround(pauses.get(1), REREGISTER, 0.10);
            assertAround(pauses.get(2), REREGISTER, 0.10);
        }
    }

    @Test
    void triesARefusedKeyAgainSoonThreeTimesThenWithTheUsualRoundPauses() throws Exception {
        Reject.Builder keyRefused = Reject.newBuilder().setReason(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED);
        try (StandInServer server = new StandInServer(key, (i, got, s) -> s.unauthenticatedReject(got, keyRefused))) {
            assertThatThrownBy(() -> runUntilStopped(server, 5)).isInstanceOf(InterruptedException.class);

            assertAround(pauses.get(0), Duration.ofSeconds(2), 0.25);
            assertAround(pauses.get(1), Duration.ofSeconds(4), 0.25);
            assertAround(pauses.get(2), Duration.ofSeconds(8), 0.25);
            assertAround(pauses.get(3), ROUND_PAUSE, 0.25); // a wrong key: the operator must act, no point in hurrying
            assertAround(pauses.get(4), ROUND_PAUSE.multipliedBy(2), 0.25);
            assertThat(server.received()).hasSize(5); // a REJECT ends a round at its first attempt
        }
    }

    @Test
    void anotherRefusalBetweenKeyRefusalsStartsTheCatchUpAgain() throws Exception {
        Reject.Builder keyRefused = Reject.newBuilder().setReason(RejectReason.REJECT_REASON_AUTHENTICATION_FAILED);
        try (StandInServer server = new StandInServer(key, (i, got, s) -> i == 2 || i == 3 ? null
                : s.unauthenticatedReject(got, keyRefused))) {
            assertThatThrownBy(() -> runUntilStopped(server, 3)).isInstanceOf(InterruptedException.class);

            assertAround(pauses.get(0), Duration.ofSeconds(2), 0.25);
            assertAround(pauses.get(1), ROUND_PAUSE, 0.25); // a round without an answer (datagrams 2, 3): the usual pause
            assertAround(pauses.get(2), Duration.ofSeconds(2), 0.25);
        }
    }

    @Test
    void pausesLongerAfterEachUnansweredRound() throws Exception {
        try (StandInServer server = StandInServer.silent(key)) {
            assertThatThrownBy(() -> runUntilStopped(server, 3)).isInstanceOf(InterruptedException.class);

            assertThat(server.received()).hasSize(6); // three rounds of two attempts
            assertAround(pauses.get(0), ROUND_PAUSE, 0.25);
            assertAround(pauses.get(1), ROUND_PAUSE.multipliedBy(2), 0.25);
            assertAround(pauses.get(2), ROUND_PAUSE.multipliedBy(4), 0.25);
            assertThat(err.toString().lines()).hasSize(3)
                    .allMatch(line -> line.startsWith("no answer from " + server.address() + " after 2 attempts"));
            assertThat(out.toString()).isEmpty();
        }
    }

    @Test
    void stopsOnAnAuthenticatedVersionRefusal() throws Exception {
        try (StandInServer server = new StandInServer(key, (i, got, s) -> s.signedReject(got, Reject.newBuilder()
                .setReason(RejectReason.REJECT_REASON_UNSUPPORTED_PROTOCOL_VERSION)
                .setSupportedProtocolVersions(SupportedRange.newBuilder().setMin("2").setMax("3"))))) {
            int exitCode = runUntilStopped(server, 1);

            assertThat(exitCode).isEqualTo(4);
            assertThat(err.toString().trim())
                    .isEqualTo("the server supports protocol versions 2..3; this agent speaks protocol 1");
            assertThat(pauses).isEmpty();
        }
    }

    @Test
    void keepsTryingWhileTheClockIsOff() throws Exception {
        try (StandInServer server = new StandInServer(key, (i, got, s) -> i == 1
                ? s.signedReject(got, Reject.newBuilder().setReason(RejectReason.REJECT_REASON_STALE_TIMESTAMP)
                        .setServerTimeUnixMs(System.currentTimeMillis() + 120_000))
                : s.ack(got, "fixed"))) {
            assertThatThrownBy(() -> runUntilStopped(server, 2)).isInstanceOf(InterruptedException.class);

            assertThat(err.toString())
                    .startsWith("our clock is 120 s off the server's: fix the clock (ours is behind); trying again in ");
            assertThat(err.toString()).doesNotContain("forged");
            assertThat(out.toString()).contains("event fixed");
        }
    }

    @Test
    void sendsAHeartbeatEveryIntervalBetweenRegistrations() throws Exception {
        heartbeatInterval = Duration.ofSeconds(60);
        busy = true;
        try (StandInServer server = new StandInServer(key, (i, got, s) -> s.ack(got, "event-" + i))) {
            assertThatThrownBy(() -> runUntilStopped(server, 6)).isInstanceOf(InterruptedException.class);

            List<StandInServer.Received> received = server.received();
            assertThat(received).extracting(StandInServer.Received::type).containsExactly(MessageType.REGISTER,
                    MessageType.HEARTBEAT, MessageType.HEARTBEAT, MessageType.HEARTBEAT, MessageType.HEARTBEAT,
                    MessageType.HEARTBEAT);
            Heartbeat heartbeat = received.get(1).heartbeat();
            assertThat(heartbeat.getIpAddress()).isEqualTo(InetAddress.getLoopbackAddress().getHostAddress());
            assertThat(heartbeat.getPrefixLength()).isEqualTo(8);
            assertThat(heartbeat.getBusy()).isTrue();
            assertThat(heartbeat.getBootTimeUnixMs()).isEqualTo(1L);
            assertThat(heartbeat.getClientVersion()).isEqualTo(AgentVersion.CLIENT_VERSION);
            assertThat(heartbeat.getUsableStorageBytes()).isPositive();
            assertThat(PayloadDecoder.decode(MessageType.HEARTBEAT, heartbeat.toByteArray()))
                    .isInstanceOf(DecodedPayload.Valid.class);
            assertThat(pauses).hasSize(6).allSatisfy(pause -> assertAround(pause, Duration.ofSeconds(60), 0.10));
            assertThat(out.toString().lines()).hasSize(1);
            assertThat(err.toString()).isEmpty();
        }
    }

    @Test
    void registersAgainWhenAHeartbeatGoesUnanswered() throws Exception {
        heartbeatInterval = Duration.ofSeconds(60);
        try (StandInServer server = new StandInServer(key, (i, got, s) ->
                got.type() == MessageType.REGISTER ? s.ack(got, "event-" + i) : null)) {
            assertThatThrownBy(() -> runUntilStopped(server, 2)).isInstanceOf(InterruptedException.class);

            assertThat(server.received()).extracting(StandInServer.Received::type).containsExactly(MessageType.REGISTER,
                    MessageType.HEARTBEAT, MessageType.HEARTBEAT, MessageType.REGISTER);
            assertThat(err.toString().trim()).startsWith("heartbeat: no answer from " + server.address()
                    + " after 2 attempts").endsWith("; registering again");
            assertThat(out.toString().lines()).hasSize(2);
        }
    }

    @Test
    void stopsWhenTheServerRefusesOurHeartbeatsClientVersion() throws Exception {
        heartbeatInterval = Duration.ofSeconds(60);
        try (StandInServer server = new StandInServer(key, (i, got, s) -> got.type() == MessageType.REGISTER
                ? s.ack(got, "event-" + i)
                : s.signedReject(got, Reject.newBuilder().setReason(RejectReason.REJECT_REASON_UNSUPPORTED_CLIENT_VERSION)
                        .setSupportedClientVersions(SupportedRange.newBuilder().setMin("2.0.0").setMax("2.9.9"))))) {
            int exitCode = runUntilStopped(server, 10);

            assertThat(exitCode).isEqualTo(Outcome.UNSUPPORTED_VERSION);
            assertThat(err.toString().trim()).isEqualTo("heartbeat: the server supports client versions 2.0.0..2.9.9;"
                    + " this agent is " + AgentVersion.CLIENT_VERSION);
        }
    }
}
