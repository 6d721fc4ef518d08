package dev.cascade.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.Register;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.SupportedRange;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.Reply;
import dev.cascade.wire.RetryPolicy;
import dev.cascade.wire.SmallMessageClient;

/**
 * One REGISTER exchange with the server: builds the message from the configuration and fresh
 * storage figures, sends it with retransmission, and turns the reply into an {@link Outcome}.
 */
public final class Registration {

    /** The longest wait after a single attempt, however large the initial timeout doubles to. */
    private static final Duration MAX_ATTEMPT_TIMEOUT = Duration.ofSeconds(8);
    private static final double JITTER = 0.25;

    private final AgentConfig config;
    private final UUID deviceId;
    private final SmallMessageClient client;
    private final StorageFacts storage;
    private final long bootTimeUnixMs;
    private final Clock clock;

    public Registration(AgentConfig config, UUID deviceId, SmallMessageClient client, StorageFacts storage,
                        long bootTimeUnixMs, Clock clock) {
        this.config = config;
        this.deviceId = deviceId;
        this.client = client;
        this.storage = storage;
        this.bootTimeUnixMs = bootTimeUnixMs;
        this.clock = clock;
    }

    public Register buildRegister() {
        StorageFacts.Snapshot space = storage.measure();
        return Register.newBuilder()
                .setHostname(config.hostname())
                .setIpAddress(config.ipText())
                .setPrefixLength(config.prefixLength())
                .setDeviceClass(config.deviceClass())
                .setOsType(config.osType())
                .setFreeStorageBytes(space.freeBytes())
                .setUsableStorageBytes(space.usableBytes())
                .setBootTimeUnixMs(bootTimeUnixMs)
                .setClientVersion(AgentVersion.CLIENT_VERSION)
                .build();
    }

    /** Sends REGISTER up to {@code maxAttempts} times and reports how the exchange ended. */
    public Outcome register(int maxAttempts) {
        Duration initial = config.initialTimeout();
        RetryPolicy policy = new RetryPolicy(maxAttempts, initial,
                initial.compareTo(MAX_ATTEMPT_TIMEOUT) > 0 ? initial : MAX_ATTEMPT_TIMEOUT, JITTER);
        byte[] payload;
        try {
            payload = buildRegister().toByteArray();
        } catch (UncheckedIOException e) {
            // the cache volume may come back (a removable or network drive): a long-running agent tries again
            return new Outcome(Outcome.FAILED, e.getMessage(), true, false, Duration.ZERO, 0);
        }
        long started = System.nanoTime();
        Reply reply;
        try {
            reply = client.send(MessageType.REGISTER, payload, config.serverSocketAddress(), policy);
        } catch (IOException e) {
            // e.g. "Network is unreachable" on a laptop between networks: a reason to try later, not to stop
            return new Outcome(Outcome.NO_ANSWER, "cannot send to " + config.server() + ": " + e.getMessage(),
                    true, false, Duration.ZERO, 1);
        }
        return outcomeOf(reply, Duration.ofNanos(System.nanoTime() - started));
    }

    Outcome outcomeOf(Reply reply, Duration elapsed) {
        if (reply instanceof Reply.Acked acked) {
            return registered(acked.ack(), acked.attempts());
        }
        if (reply instanceof Reply.Rejected rejected) {
            return refused(rejected.reject(), rejected.authenticated(), rejected.attempts());
        }
        int attempts = ((Reply.NoAnswer) reply).attempts();
        return new Outcome(Outcome.NO_ANSWER, String.format(Locale.ROOT,
                "no answer from %s after %d attempts over %.1f s: is the gateway running and UDP reachable?",
                config.server(), attempts, elapsed.toMillis() / 1000.0), true, false, Duration.ZERO, attempts);
    }

    private Outcome registered(Ack ack, int attempts) {
        String message = "registered device " + deviceId + " as " + config.hostname() + " (" + config.ipText() + "/"
                + config.prefixLength() + ") with " + config.server() + "; event " + ack.getEventId();
        return new Outcome(Outcome.REGISTERED, message, false, false, Duration.ZERO, attempts);
    }

    private Outcome refused(Reject reject, boolean authenticated, int attempts) {
        Refusal refusal = switch (reject.getReason()) {
            case REJECT_REASON_AUTHENTICATION_FAILED -> new Refusal(Outcome.KEY_REFUSED,
                    "the server refused our key (key id " + config.key().id()
                            + "): check --key-file/--fleet-key against the server's fleet key", false);
            case REJECT_REASON_UNSUPPORTED_CLIENT_VERSION -> new Refusal(Outcome.UNSUPPORTED_VERSION,
                    "the server supports client versions " + range(reject.getSupportedClientVersions(), reject)
                            + "; this agent is " + AgentVersion.CLIENT_VERSION, false);
            case REJECT_REASON_UNSUPPORTED_PROTOCOL_VERSION -> new Refusal(Outcome.UNSUPPORTED_VERSION,
                    "the server supports protocol versions " + range(reject.getSupportedProtocolVersions(), reject)
                            + "; this agent speaks protocol " + DatagramCodec.PROTOCOL_VERSION, false);
            // the clock may be corrected (NTP) while we run
            case REJECT_REASON_STALE_TIMESTAMP -> new Refusal(Outcome.CLOCK_SKEW, clockSkew(reject), true);
            case REJECT_REASON_MALFORMED_PAYLOAD -> new Refusal(Outcome.MALFORMED,
                    "the server refused our registration as malformed: " + detailOrNone(reject), false);
            case REJECT_REASON_OVERLOADED -> new Refusal(Outcome.OVERLOADED,
                    "the server is overloaded and asks us to retry after " + reject.getRetryAfterMs() + " ms", true);
            default -> new Refusal(Outcome.FAILED,
                    "the server refused our registration (" + reject.getReason() + "): " + detailOrNone(reject), true);
        };
        // A reject without a valid tag could come from anyone on the path: report it, but never stop for it.
        boolean forgeable = !authenticated;
        return new Outcome(refusal.exitCode(), refusal.message(), refusal.mayPass() || forgeable, forgeable,
                Duration.ofMillis(reject.getRetryAfterMs()), attempts);
    }

    /** {@code mayPass}: the cause can go away without the operator, so a long-running agent tries again. */
    private record Refusal(int exitCode, String message, boolean mayPass) {
    }

    private String clockSkew(Reject reject) {
        if (reject.getServerTimeUnixMs() == 0) {
            return "our clock is off the server's by more than it allows: fix the clock (" + detailOrNone(reject) + ")";
        }
        long offsetMs = clock.millis() - reject.getServerTimeUnixMs();
        return "our clock is " + Math.round(Math.abs(offsetMs) / 1000.0) + " s off the server's: fix the clock (ours is "
                + (offsetMs >= 0 ? "ahead" : "behind") + ")";
    }

    private static String range(SupportedRange range, Reject reject) {
        if (range.getMin().isEmpty() && range.getMax().isEmpty()) {
            return "(range not given: " + detailOrNone(reject) + ")";
        }
        return range.getMin() + ".." + range.getMax();
    }

    private static String detailOrNone(Reject reject) {
        return reject.getDetail().isBlank() ? "the server gave no detail" : reject.getDetail();
    }
}
