package dev.cascade.agent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.Reply;
import dev.cascade.wire.SmallMessageClient;

/**
 * One HEARTBEAT exchange (docs/protocol.md §15.1): where the peer is now, its storage measured afresh, its
 * uptime and whether its upload slots are all taken, sent with retransmission until the server ACKs it
 * (which it does once the heartbeat is durable in Kafka).
 */
public final class HeartbeatExchange {

    private final AgentConfig config;
    private final SmallMessageClient client;
    private final StorageFacts storage;
    private final long bootTimeUnixMs;
    private final BooleanSupplier busy;
    private final ServerAnswers answers;

    /** {@code busy}: true while every upload slot is taken; {@code () -> false} where the agent serves nothing. */
    public HeartbeatExchange(AgentConfig config, SmallMessageClient client, StorageFacts storage, long bootTimeUnixMs,
                             BooleanSupplier busy, Clock clock) {
        this.config = config;
        this.client = client;
        this.storage = storage;
        this.bootTimeUnixMs = bootTimeUnixMs;
        this.busy = busy;
        this.answers = new ServerAnswers(config, clock, () -> client.signingKey().id());
    }

    public Heartbeat buildHeartbeat() {
        StorageFacts.Snapshot space = storage.measure();
        return Heartbeat.newBuilder()
                .setIpAddress(config.ipText())
                .setPrefixLength(config.prefixLength())
                .setFreeStorageBytes(space.freeBytes())
                .setUsableStorageBytes(space.usableBytes())
                .setBootTimeUnixMs(bootTimeUnixMs)
                .setBusy(busy.getAsBoolean())
                .setClientVersion(AgentVersion.CLIENT_VERSION)
                .build();
    }

    /** Sends HEARTBEAT up to {@code maxAttempts} times; the outcome is "registered" (exit code 0) when ACKed. */
    public Outcome send(int maxAttempts) {
        byte[] payload;
        try {
            payload = buildHeartbeat().toByteArray();
        } catch (UncheckedIOException e) {
            return new Outcome(Outcome.FAILED, e.getMessage(), true, false, Duration.ZERO, 0);
        }
        long started = System.nanoTime();
        Reply reply;
        try {
            reply = client.send(MessageType.HEARTBEAT, payload, config.serverSocketAddress(),
                    Registration.retries(config, maxAttempts));
        } catch (IOException e) {
            return new Outcome(Outcome.NO_ANSWER, "cannot send to " + config.server() + ": " + e.getMessage(),
                    true, false, Duration.ZERO, 1);
        }
        return answers.of(reply, "heartbeat", Duration.ofNanos(System.nanoTime() - started),
                ack -> "heartbeat acknowledged; event " + ack.getEventId());
    }
}
