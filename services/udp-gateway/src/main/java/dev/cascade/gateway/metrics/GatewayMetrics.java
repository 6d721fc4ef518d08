package dev.cascade.gateway.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.cascade.wire.DropReason;
import dev.cascade.wire.MessageType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's meters. Every drop reason and reply type is registered at 0 up front so that
 * dashboards and alerts see the series before the first event.
 */
public final class GatewayMetrics {

    public static final String RECEIVED = "cascade_gateway_datagrams_received_total";
    public static final String ACCEPTED = "cascade_gateway_datagrams_accepted_total";
    public static final String REJECTED = "cascade_gateway_datagrams_rejected_total";
    public static final String PUBLISH_SECONDS = "cascade_gateway_kafka_publish_seconds";
    public static final String PUBLISH_FAILURES = "cascade_gateway_kafka_publish_failures_total";
    public static final String REPLIES_SENT = "cascade_gateway_replies_sent_total";
    public static final String REPLIES_SUPPRESSED = "cascade_gateway_replies_suppressed_total";
    public static final String REPLY_SEND_FAILURES = "cascade_gateway_reply_send_failures_total";
    public static final String INTERNAL_ERRORS = "cascade_gateway_internal_errors_total";
    public static final String KEY_RELOADS = "cascade_gateway_key_reloads_total";

    private final MeterRegistry registry;
    private final Map<DropReason, Counter> rejected = new EnumMap<>(DropReason.class);
    private final Map<MessageType, Counter> accepted = new EnumMap<>(MessageType.class);
    private final Map<MessageType, Counter> repliesSent = new EnumMap<>(MessageType.class);
    private final Map<Integer, Counter> received = new ConcurrentHashMap<>();
    private final Timer publish;
    private final Counter publishFailures;
    private final Counter repliesSuppressed;
    private final Counter replySendFailures;
    private final Counter internalErrors;
    private final Counter keyReloadsLoaded;
    private final Counter keyReloadsFailed;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (DropReason reason : DropReason.values()) {
            rejected.put(reason, Counter.builder(REJECTED).tag("reason", reason.label())
                    .description("Datagrams dropped, by reason").register(registry));
        }
        accepted.put(MessageType.REGISTER, Counter.builder(ACCEPTED).tag("type", label(MessageType.REGISTER))
                .description("Datagrams authenticated, valid and handed to Kafka").register(registry));
        for (MessageType type : new MessageType[] {MessageType.ACK, MessageType.REJECT}) {
            repliesSent.put(type, Counter.builder(REPLIES_SENT).tag("type", label(type))
                    .description("Replies sent to peers").register(registry));
        }
        publish = Timer.builder(PUBLISH_SECONDS)
                .description("From datagram receipt to the Kafka acknowledgement of its event")
                .publishPercentileHistogram().register(registry);
        publishFailures = Counter.builder(PUBLISH_FAILURES)
                .description("Events Kafka did not acknowledge: the peer got no ACK and will retransmit").register(registry);
        repliesSuppressed = Counter.builder(REPLIES_SUPPRESSED)
                .description("REJECT replies not sent because the source IP exceeded its reply rate").register(registry);
        replySendFailures = Counter.builder(REPLY_SEND_FAILURES)
                .description("Replies the socket refused to send").register(registry);
        internalErrors = Counter.builder(INTERNAL_ERRORS)
                .description("Datagrams whose handling failed unexpectedly (a bug): see the log").register(registry);
        keyReloadsLoaded = Counter.builder(KEY_RELOADS).tag("outcome", "loaded")
                .description("Key file reloads after a change").register(registry);
        keyReloadsFailed = Counter.builder(KEY_RELOADS).tag("outcome", "failed")
                .description("Key file reloads after a change").register(registry);
    }

    /** The received counter of one bound UDP port (known only once the socket is bound). */
    public Counter receivedOn(int port) {
        return received.computeIfAbsent(port, p -> Counter.builder(RECEIVED).tag("port", Integer.toString(p))
                .description("Datagrams received").register(registry));
    }

    public void accepted(MessageType type) {
        Counter counter = accepted.get(type);
        if (counter == null) {
            throw new IllegalArgumentException("the gateway does not accept " + type + " datagrams");
        }
        counter.increment();
    }

    public void dropped(DropReason reason) {
        rejected.get(reason).increment();
    }

    public void published(long receivedNanos) {
        publish.record(System.nanoTime() - receivedNanos, TimeUnit.NANOSECONDS);
    }

    public void publishFailed() {
        publishFailures.increment();
    }

    public void replySent(MessageType type) {
        repliesSent.get(type).increment();
    }

    public void replySuppressed() {
        repliesSuppressed.increment();
    }

    public void replySendFailed() {
        replySendFailures.increment();
    }

    public void internalError() {
        internalErrors.increment();
    }

    public void keyReload(boolean loaded) {
        (loaded ? keyReloadsLoaded : keyReloadsFailed).increment();
    }

    private static String label(MessageType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
