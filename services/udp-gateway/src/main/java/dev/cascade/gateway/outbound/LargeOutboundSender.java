package dev.cascade.gateway.outbound;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.udp.GatewaySocket;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.large.FragmentedMessage;
import dev.cascade.wire.large.Fragmenter;
import dev.cascade.wire.large.LargeDelivery;
import dev.cascade.wire.large.SelectiveRetransmission;
import dev.cascade.wire.large.SendSettings;

/**
 * Sends outbound payloads too large for one datagram as large messages, with the rounds, pacing and
 * selective retransmission of {@link SelectiveRetransmission} (protocol.md §10.4), the loop the wire
 * library's own sender uses too. Here the acks arrive on a large-reply port whose receive thread routes
 * them through {@link PendingLargeSends} to the {@link LargeSend}, which the loop waits on.
 *
 * <p>Fragments leave from the large-replies socket: the receiver acks to the fragments' source address
 * (§10.1), which must be the port that takes FRAGMENT_ACKs. Sends run on a small bounded pool, never on the
 * Kafka consumer thread; when its queue is full {@link #submit} refuses (the record is dead-lettered with the
 * reason) rather than block the consumer, which would hold up every small outbound datagram behind the large ones.
 */
public final class LargeOutboundSender implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LargeOutboundSender.class);

    private final GatewaySocket via;
    private final UUID serverId;
    private final SequenceCounter sequences;
    private final Clock clock;
    private final Fragmenter fragmenter;
    private final SendSettings settings;
    private final PendingLargeSends pending;
    private final GatewayMetrics metrics;
    private final int queueCapacity;
    private final ThreadPoolExecutor executor;

    public LargeOutboundSender(GatewaySocket via, UUID serverId, SequenceCounter sequences, Clock clock,
                               Fragmenter fragmenter, SendSettings settings, PendingLargeSends pending,
                               GatewayMetrics metrics, int concurrentSends, int queueCapacity) {
        if (concurrentSends < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("cascade.gateway.outbound-large.concurrent-sends and queue-capacity "
                    + "must be at least 1, were " + concurrentSends + " and " + queueCapacity);
        }
        this.via = via;
        this.serverId = serverId;
        this.sequences = sequences;
        this.clock = clock;
        this.fragmenter = fragmenter;
        this.settings = settings;
        this.pending = pending;
        this.metrics = metrics;
        this.queueCapacity = queueCapacity;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(concurrentSends, concurrentSends, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queueCapacity), runnable -> {
                    Thread thread = new Thread(runnable, "gateway-large-send-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** The largest payload a large message may carry. */
    public int maxMessageBytes() {
        return Fragmenter.DEFAULT_MAX_MESSAGE_SIZE;
    }

    /** Queues one large message; throws {@link OutboundRefused} ("queue_full") if the queue is full. */
    public void submit(MessageType type, byte[] payload, WireKey key, InetSocketAddress destination, String eventId) {
        // a sequence number never repeats, even across restarts: a message id unique for the gateway's sender id
        LargeSend send = new LargeSend(fragmenter.split(type, payload, sequences.next()), destination, key);
        try {
            executor.execute(() -> run(send, eventId));
        } catch (RejectedExecutionException e) {
            throw new OutboundRefused("queue_full", "outbound large-message queue full: " + queueCapacity
                    + " large messages already wait to be sent (cascade.gateway.outbound-large.queue-capacity)");
        }
    }

    private void run(LargeSend send, String eventId) {
        FragmentedMessage message = send.message();
        pending.add(send);
        LargeDelivery delivery;
        try {
            delivery = exchange(send);
        } catch (IOException e) {
            metrics.outboundFailed("send_failed");
            LOG.warnf("cannot send large %s (event %s, message %d) to %s: %s", message.type(), eventId,
                    message.messageId(), send.destination(), e.getMessage());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down
            return;
        } finally {
            pending.remove(send);
        }
        if (delivery instanceof LargeDelivery.Delivered) {
            metrics.outboundLarge("delivered");
            metrics.outboundSent(message.type());
        } else if (delivery instanceof LargeDelivery.Refused refused) {
            metrics.outboundLarge("refused");
            // no retry here: a service-level retry is the asking service's call (its peer's reply comes on cascade.peer.replies)
            LOG.warnf("large %s (event %s, message %d, %d bytes) to %s refused: %s", message.type(), eventId,
                    message.messageId(), message.totalLength(), send.destination(), refused.reason());
        } else {
            LargeDelivery.NoAnswer silent = (LargeDelivery.NoAnswer) delivery;
            metrics.outboundLarge("no_answer");
            LOG.warnf("large %s (event %s, message %d, %d bytes) to %s not acknowledged after %d rounds", message.type(),
                    eventId, message.messageId(), message.totalLength(), send.destination(), silent.rounds());
        }
    }

    private LargeDelivery exchange(LargeSend send) throws IOException, InterruptedException {
        return SelectiveRetransmission.run(send, settings,
                index -> via.send(send.message().datagram(index, serverId, send.key(), sequences, clock), send.destination()),
                send::awaitUntil); // acks reach the send through PendingLargeSends, on the large-reply port's receive thread
    }

    /** Sends in progress are abandoned: the asking service retries at its level. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
