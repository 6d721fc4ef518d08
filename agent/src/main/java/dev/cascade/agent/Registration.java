package dev.cascade.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import dev.cascade.contracts.v1.Register;
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
    private final ServerAnswers answers;

    public Registration(AgentConfig config, UUID deviceId, SmallMessageClient client, StorageFacts storage,
                        long bootTimeUnixMs, Clock clock) {
        this.config = config;
        this.deviceId = deviceId;
        this.client = client;
        this.storage = storage;
        this.bootTimeUnixMs = bootTimeUnixMs;
        this.answers = new ServerAnswers(config, clock, () -> client.signingKey().id());
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

    /** The agent's retransmission of a small message: {@code --initial-timeout} doubling up to 8 s, ±25 %. */
    static RetryPolicy retries(AgentConfig config, int maxAttempts) {
        Duration initial = config.initialTimeout();
        return new RetryPolicy(maxAttempts, initial,
                initial.compareTo(MAX_ATTEMPT_TIMEOUT) > 0 ? initial : MAX_ATTEMPT_TIMEOUT, JITTER);
    }

    /** Sends REGISTER up to {@code maxAttempts} times and reports how the exchange ended. */
    public Outcome register(int maxAttempts) {
        RetryPolicy policy = retries(config, maxAttempts);
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
        return answers.of(reply, "registration", elapsed, ack -> "registered device " + deviceId + " as "
                + config.hostname() + " (" + config.ipText() + "/" + config.prefixLength() + ") with " + config.server()
                + "; event " + ack.getEventId());
    }
}
