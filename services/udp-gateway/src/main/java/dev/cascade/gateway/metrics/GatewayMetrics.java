package dev.cascade.gateway.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import dev.cascade.gateway.config.GatewayBeans;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.MessageType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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
    public static final String MALFORMED = "cascade_gateway_payloads_malformed_total";
    public static final String PUBLISH_SECONDS = "cascade_gateway_kafka_publish_seconds";
    public static final String PUBLISH_FAILURES = "cascade_gateway_kafka_publish_failures_total";
    public static final String REPLIES_SENT = "cascade_gateway_replies_sent_total";
    public static final String REPLIES_SUPPRESSED = "cascade_gateway_replies_suppressed_total";
    public static final String REPLY_SEND_FAILURES = "cascade_gateway_reply_send_failures_total";
    public static final String ACKS_DROPPED = "cascade_gateway_acks_dropped_total";
    public static final String INTERNAL_ERRORS = "cascade_gateway_internal_errors_total";
    public static final String KEY_RELOADS = "cascade_gateway_key_reloads_total";
    public static final String KEY_RING_FETCH_FAILURES = "cascade_gateway_key_ring_fetch_failures_total";
    public static final String KEY_RING_REVISION = "cascade_gateway_key_ring_revision";
    public static final String FRAGMENTS = "cascade_gateway_fragments_total";
    public static final String FRAGMENT_ACKS_SENT = "cascade_gateway_fragment_acks_sent_total";
    public static final String FRAGMENT_REFUSALS = "cascade_gateway_fragment_refusals_total";
    public static final String FRAGMENT_ACKS_UNMATCHED = "cascade_gateway_fragment_acks_unmatched_total";
    public static final String LARGE_MESSAGES = "cascade_gateway_large_messages_total";
    public static final String REASSEMBLY_BYTES = "cascade_gateway_reassembly_bytes";
    public static final String REASSEMBLY_MESSAGES = "cascade_gateway_reassembly_messages";
    public static final String OUTBOUND_SENT = "cascade_gateway_outbound_sent_total";
    public static final String OUTBOUND_FAILURES = "cascade_gateway_outbound_failures_total";
    public static final String OUTBOUND_LARGE = "cascade_gateway_outbound_large_total";

    /** Every type some server port accepts (see ServerPort). */
    private static final MessageType[] ACCEPTED_TYPES = {MessageType.REGISTER, MessageType.HEARTBEAT,
            MessageType.INVENTORY_REPORT, MessageType.TRANSFER_REPORT, MessageType.PLAN_REQUEST, MessageType.ACTIVATE,
            MessageType.STATUS_REQUEST, MessageType.APP_METADATA, MessageType.KEY_ROTATION_REQUEST, MessageType.ACK,
            MessageType.REJECT,
            MessageType.CONTROL, MessageType.FRAGMENT, MessageType.FRAGMENT_ACK};


    private final MeterRegistry registry;
    private final Map<DropReason, Counter> rejected = new EnumMap<>(DropReason.class);
    private final Map<MessageType, Counter> accepted = new EnumMap<>(MessageType.class);
    private final Map<MessageType, Counter> malformed = new EnumMap<>(MessageType.class);
    private final Map<MessageType, Counter> repliesSent = new EnumMap<>(MessageType.class);
    private final Map<Integer, Counter> received = new ConcurrentHashMap<>();
    private final Map<String, Counter> fragments = new ConcurrentHashMap<>();
    private final Map<String, Counter> fragmentAcksSent = new ConcurrentHashMap<>();
    private final Map<String, Counter> fragmentRefusals = new ConcurrentHashMap<>();
    private final Map<String, Counter> largeMessages = new ConcurrentHashMap<>();
    private final Counter fragmentAcksUnmatched;
    private final Map<MessageType, Counter> outboundSent = new ConcurrentHashMap<>();
    private final Map<String, Counter> outboundFailures = new ConcurrentHashMap<>();
    private final Map<String, Counter> outboundLarge = new ConcurrentHashMap<>();
    private final Timer publish;
    private final Counter publishFailures;
    private final Counter repliesSuppressed;
    private final Counter replySendFailures;
    private final Counter acksDropped;
    private final Counter internalErrors;
    private final Counter keyReloadsLoaded;
    private final Counter keyReloadsFailed;
    private final Counter keyRingFetchFailures;

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (DropReason reason : DropReason.values()) {
            rejected.put(reason, Counter.builder(REJECTED).tag("reason", reason.label())
                    .description("Datagrams dropped, by reason").register(registry));
        }
        for (MessageType type : ACCEPTED_TYPES) {
            accepted.put(type, Counter.builder(ACCEPTED).tag("type", label(type))
                    .description("Datagrams authenticated and valid: handed to Kafka, or (fragments) counted")
                    .register(registry));
            malformed.put(type, Counter.builder(MALFORMED).tag("type", label(type))
                    .description("Authenticated payloads dropped as malformed_payload, by message type")
                    .register(registry));
        }
        for (String result : new String[] {"held", "duplicate", "completed", "already_complete", "refused"}) {
            fragmentCounter(result);
        }
        for (String kind : new String[] {"progress", "complete", "refusal"}) {
            fragmentAckCounter(kind);
        }
        for (String reason : new String[] {"too_large", "sender_limit", "busy", "inconsistent"}) {
            fragmentRefusalCounter(reason);
        }
        for (MessageType type : GatewayBeans.LARGE_MESSAGE_TYPES) {
            largeMessageCounter(type, "completed");
            largeMessageCounter(type, "refused");
        }
        fragmentAcksUnmatched = Counter.builder(FRAGMENT_ACKS_UNMATCHED)
                .description("Authenticated FRAGMENT_ACKs on the large-reply ports naming no large message being sent")
                .register(registry);
        for (MessageType type : new MessageType[] {MessageType.ACK, MessageType.REJECT, MessageType.FRAGMENT_ACK}) {
            repliesSent.put(type, Counter.builder(REPLIES_SENT).tag("type", label(type))
                    .description("Replies sent to peers").register(registry));
        }
        for (MessageType type : MessageType.values()) {
            outboundSent.put(type, Counter.builder(OUTBOUND_SENT).tag("type", label(type))
                    .description("Datagrams sent for cascade.gateway.outbound").register(registry));
        }
        for (String outcome : new String[] {"delivered", "refused", "no_answer"}) {
            outboundLarge.put(outcome, Counter.builder(OUTBOUND_LARGE).tag("outcome", outcome)
                    .description("Outbound large messages, by how the exchange ended").register(registry));
        }
        for (String reason : new String[] {"invalid", "too_large", "no_key", "unknown_key", "send_failed",
                "queue_full"}) {
            outboundFailures.put(reason, Counter.builder(OUTBOUND_FAILURES).tag("reason", reason)
                    .description("Outbound datagrams not sent (dead-lettered, or refused by the socket)")
                    .register(registry));
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
        acksDropped = Counter.builder(ACKS_DROPPED)
                .description("ACKs of published events not sent because the ACK queue was full (the peer retransmits)")
                .register(registry);
        internalErrors = Counter.builder(INTERNAL_ERRORS)
                .description("Datagrams whose handling failed unexpectedly (a bug): see the log").register(registry);
        keyReloadsLoaded = Counter.builder(KEY_RELOADS).tag("outcome", "loaded")
                .description("Changed key files or key rings after startup: taken (loaded) or refused (failed)")
                .register(registry);
        keyReloadsFailed = Counter.builder(KEY_RELOADS).tag("outcome", "failed")
                .description("Changed key files or key rings after startup: taken (loaded) or refused (failed)")
                .register(registry);
        keyRingFetchFailures = Counter.builder(KEY_RING_FETCH_FAILURES)
                .description("Polls of activation-service's key ring that got no answer (the keys in force stay)")
                .register(registry);
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

    /** What the reassembler did with one authenticated fragment: held, duplicate, completed, already_complete, refused. */
    public void fragment(String result) {
        fragmentCounter(result).increment();
    }

    /** A FRAGMENT_ACK sent: progress, complete or refusal. */
    public void fragmentAckSent(String kind) {
        fragmentAckCounter(kind).increment();
    }

    /** A refused fragment, by refusal label (too_large, sender_limit, busy, inconsistent). */
    public void fragmentRefusal(String reason) {
        fragmentRefusalCounter(reason).increment();
    }

    /** A large message of {@code type} completed, or its sender was refused. */
    public void largeMessage(MessageType type, String outcome) {
        largeMessageCounter(type, outcome).increment();
    }

    public void fragmentAckUnmatched() {
        fragmentAcksUnmatched.increment();
    }

    /** Gauges of what reassembly holds now: heap bytes and messages. */
    public void reassemblyGauges(LongSupplier bytes, IntSupplier messages) {
        Gauge.builder(REASSEMBLY_BYTES, () -> bytes.getAsLong())
                .description("Heap held by large messages in reassembly (buffers, bitmaps, bookkeeping)").baseUnit("bytes")
                .register(registry);
        Gauge.builder(REASSEMBLY_MESSAGES, () -> messages.getAsInt())
                .description("Large messages in reassembly").register(registry);
    }

    public void outboundSent(MessageType type) {
        outboundSent.get(type).increment();
    }

    /** How sending an outbound large message ended: delivered, refused, no_answer. */
    public void outboundLarge(String outcome) {
        outboundLarge.get(outcome).increment();
    }

    /** An outbound datagram not sent: {@code reason} is a short label (invalid, too_large, no_key, unknown_key, ...). */
    public void outboundFailed(String reason) {
        outboundFailures.computeIfAbsent(reason, r -> Counter.builder(OUTBOUND_FAILURES).tag("reason", r)
                .description("Outbound datagrams not sent (dead-lettered, or refused by the socket)")
                .register(registry)).increment();
    }

    public void dropped(DropReason reason) {
        rejected.get(reason).increment();
    }

    /** A payload of {@code type} that failed validation: counted as malformed_payload and by type. */
    public void malformed(MessageType type) {
        rejected.get(DropReason.MALFORMED_PAYLOAD).increment();
        Counter counter = malformed.get(type);
        if (counter != null) {
            counter.increment();
        }
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

    public void ackDropped() {
        acksDropped.increment();
    }

    public void internalError() {
        internalErrors.increment();
    }

    public void keyReload(boolean loaded) {
        (loaded ? keyReloadsLoaded : keyReloadsFailed).increment();
    }

    public void keyRingFetchFailed() {
        keyRingFetchFailures.increment();
    }

    /** The revision of activation-service's key ring in force; -1 before the first ring. */
    public void keyRingRevision(LongSupplier revision) {
        Gauge.builder(KEY_RING_REVISION, () -> revision.getAsLong())
                .description("Revision of activation-service's key ring in force (-1: none yet)").register(registry);
    }

    private Counter fragmentCounter(String result) {
        return fragments.computeIfAbsent(result, r -> Counter.builder(FRAGMENTS).tag("result", r)
                .description("Authenticated fragments on the large-message ports, by what reassembly did with them")
                .register(registry));
    }

    private Counter fragmentAckCounter(String kind) {
        return fragmentAcksSent.computeIfAbsent(kind, k -> Counter.builder(FRAGMENT_ACKS_SENT).tag("kind", k)
                .description("FRAGMENT_ACKs sent: progress bitmaps, completions, refusals").register(registry));
    }

    private Counter fragmentRefusalCounter(String reason) {
        return fragmentRefusals.computeIfAbsent(reason, r -> Counter.builder(FRAGMENT_REFUSALS).tag("reason", r)
                .description("Fragments refused (protocol.md §10.5), by refusal").register(registry));
    }

    private Counter largeMessageCounter(MessageType type, String outcome) {
        return largeMessages.computeIfAbsent(label(type) + "/" + outcome, k -> Counter.builder(LARGE_MESSAGES)
                .tag("type", label(type)).tag("outcome", outcome)
                .description("Large messages reassembled (completed) or refused, by message type").register(registry));
    }

    private static String label(MessageType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }
}
