package dev.cascade.gateway.large;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.cascade.contracts.v1.Fragment;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.udp.ReplySender;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.large.FragmentResult;
import dev.cascade.wire.large.PendingAck;
import dev.cascade.wire.large.Reassembler;

/**
 * The gateway's one {@link Reassembler}, shared by both large-message ports, plus where each sender with
 * a message in reassembly wants its progress acks: the source address of its latest fragment, through
 * the socket that fragment arrived on (protocol.md §10.1). {@link #tick} sends the progress acks that
 * became due and frees expired messages; a timer calls it well inside the ack delay.
 */
public final class FragmentReassembly {

    /** Where progress acks of one sender go. */
    private record AckTarget(ReplySender via, InetSocketAddress address) {
    }

    private final Reassembler reassembler;
    private final KeyRing keys;
    private final GatewayMetrics metrics;
    private final Clock clock;
    private final Map<UUID, AckTarget> targets = new ConcurrentHashMap<>();

    public FragmentReassembly(Reassembler reassembler, KeyRing keys, GatewayMetrics metrics, Clock clock) {
        this.reassembler = reassembler;
        this.keys = keys;
        this.metrics = metrics;
        this.clock = clock;
        metrics.reassemblyGauges(reassembler::bufferedBytes, this::messagesInReassembly);
    }

    /**
     * One authenticated fragment from {@code sender}. Synchronized so that the ack target a sender
     * leaves behind always matches whether it still has messages in reassembly (two ports feed this).
     */
    public synchronized FragmentResult accept(UUID sender, WireKey key, Fragment fragment, InetSocketAddress source,
                                              ReplySender via) {
        FragmentResult result = reassembler.accept(sender, key.id(), key.purpose(), fragment, clock.instant());
        if (reassembler.messagesInProgress(sender) > 0) {
            targets.put(sender, new AckTarget(via, source));
        } else {
            targets.remove(sender);
        }
        return result;
    }

    /** Sends the progress acks due now and frees messages past the incomplete timeout; returns the acks sent. */
    public int tick() {
        Instant now = clock.instant();
        int sent = 0;
        for (PendingAck pending : reassembler.dueAcks(now)) {
            AckTarget target = targets.get(pending.sender());
            Optional<WireKey> key = keys.find(pending.keyId(), now);
            // no key: retired this instant; the sender's next fragment makes an ack due again
            if (target != null && key.isPresent()) {
                target.via().fragmentAck(target.address(), key.get(), pending.ack());
                metrics.fragmentAckSent("progress");
                sent++;
            }
        }
        reassembler.expire(now);
        synchronized (this) {
            targets.keySet().removeIf(sender -> reassembler.messagesInProgress(sender) == 0);
        }
        return sent;
    }

    /** Heap held by messages in reassembly. */
    public long bufferedBytes() {
        return reassembler.bufferedBytes();
    }

    /**
     * Messages in reassembly. Every sender with one has an ack target (kept in step under this lock),
     * so summing over the targets counts them all; the Reassembler has no total of its own.
     */
    public int messagesInReassembly() {
        int messages = 0;
        for (UUID sender : targets.keySet()) {
            messages += reassembler.messagesInProgress(sender);
        }
        return messages;
    }
}
