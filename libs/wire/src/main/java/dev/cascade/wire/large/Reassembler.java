package dev.cascade.wire.large;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Fragment;
import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.contracts.v1.FragmentRefusal;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.WireKey;

/**
 * Reassembles large messages from verified FRAGMENT datagrams (docs/protocol.md §10), per
 * (sender, message id), within {@link ReassemblyLimits}. Thread-safe: every public method holds
 * one lock. A gateway receives each large-message port on one thread, and the work under the
 * lock is at most one fragment copy, so a finer scheme would buy nothing. Refusal never throws.
 */
public final class Reassembler {

    private record MessageKey(UUID sender, long messageId) {
    }

    private record CompletedEntry(int count, Instant forgetAt) {
    }

    private static final class SenderState {
        final Map<Long, PartialMessage> inProgress = new HashMap<>();
        long bytes;
    }

    private static final Duration MAX_SWEEP_INTERVAL = Duration.ofSeconds(1);

    private final ReassemblyLimits limits;
    private final Set<MessageType> acceptedTypes;
    private final Map<UUID, SenderState> senders = new HashMap<>();
    private final LinkedHashMap<MessageKey, CompletedEntry> completed = new LinkedHashMap<>();
    private long totalBytes;
    private Instant nextSweep = Instant.MIN;

    /** Accepts every message type except FRAGMENT and FRAGMENT_ACK themselves. */
    public Reassembler(ReassemblyLimits limits) {
        this(limits, EnumSet.complementOf(EnumSet.of(MessageType.FRAGMENT, MessageType.FRAGMENT_ACK)));
    }

    public Reassembler(ReassemblyLimits limits, Set<MessageType> acceptedTypes) {
        this.limits = limits;
        this.acceptedTypes = EnumSet.copyOf(acceptedTypes);
        this.acceptedTypes.remove(MessageType.FRAGMENT);
        this.acceptedTypes.remove(MessageType.FRAGMENT_ACK);
    }

    public ReassemblyLimits limits() {
        return limits;
    }

    /** A verified FRAGMENT datagram authenticated by {@code key}: parses its payload, then {@link #accept(UUID, long, KeyPurpose, Fragment, Instant)}. */
    public FragmentResult accept(Datagram datagram, WireKey key, Instant now) {
        if (datagram.type() != MessageType.FRAGMENT) {
            return new FragmentResult.Dropped(DropReason.UNKNOWN_TYPE, "datagram type " + datagram.type() + " is not FRAGMENT");
        }
        Fragment fragment;
        try {
            fragment = Fragment.parseFrom(datagram.payload());
        } catch (InvalidProtocolBufferException e) {
            return new FragmentResult.Dropped(DropReason.MALFORMED_PAYLOAD, "FRAGMENT payload does not parse: " + e.getMessage());
        }
        return accept(datagram.header().senderId(), key.id(), key.purpose(), fragment, now);
    }

    /** One fragment from {@code sender}, whose datagram authenticated with key {@code keyId} of family {@code keyFamily}. */
    public synchronized FragmentResult accept(UUID sender, long keyId, KeyPurpose keyFamily, Fragment fragment, Instant now) {
        sweepIfDue(now);
        Optional<MessageType> type = MessageType.fromCode(fragment.getMessageType());
        if (type.isEmpty() || !acceptedTypes.contains(type.get())) {
            return new FragmentResult.Dropped(DropReason.UNKNOWN_TYPE,
                    "message_type " + Integer.toUnsignedString(fragment.getMessageType()) + " is not accepted as a large message");
        }
        if (!type.get().requiredPurpose().permits(keyFamily)) {
            return new FragmentResult.Dropped(DropReason.UNKNOWN_KEY,
                    "a " + keyFamily + " key may not send " + type.get());
        }
        long messageId = fragment.getMessageId();
        MessageKey key = new MessageKey(sender, messageId);
        CompletedEntry done = completed.get(key);
        if (done != null) {
            return new FragmentResult.AlreadyComplete(completeAck(messageId, done.count()));
        }

        long total = Integer.toUnsignedLong(fragment.getTotalLength());
        long size = Integer.toUnsignedLong(fragment.getFragmentSize());
        long index = Integer.toUnsignedLong(fragment.getIndex());
        if (total > limits.maxMessageBytes()) {
            return refuse(messageId, 0, FragmentRefusal.FRAGMENT_REFUSAL_TOO_LARGE,
                    "total_length " + total + " exceeds the limit of " + limits.maxMessageBytes() + " bytes");
        }
        if (total == 0) {
            return refuse(messageId, 0, FragmentRefusal.FRAGMENT_REFUSAL_INCONSISTENT, "total_length is 0");
        }
        if (size < Fragmenter.MIN_FRAGMENT_SIZE || size > Fragmenter.MAX_FRAGMENT_SIZE) {
            return refuse(messageId, 0, FragmentRefusal.FRAGMENT_REFUSAL_INCONSISTENT, "fragment_size " + size
                    + " is outside " + Fragmenter.MIN_FRAGMENT_SIZE + ".." + Fragmenter.MAX_FRAGMENT_SIZE);
        }
        int count = (int) ((total + size - 1) / size);
        if (index >= count) {
            return refuse(messageId, count, FragmentRefusal.FRAGMENT_REFUSAL_INCONSISTENT,
                    "index " + index + " is not below the fragment count " + count);
        }
        long expectedLength = index < count - 1 ? size : total - (count - 1) * size;
        if (fragment.getData().size() != expectedLength) {
            return refuse(messageId, count, FragmentRefusal.FRAGMENT_REFUSAL_INCONSISTENT, "fragment " + index
                    + " carries " + fragment.getData().size() + " bytes; expected " + expectedLength);
        }

        SenderState state = senders.computeIfAbsent(sender, s -> new SenderState());
        PartialMessage message = state.inProgress.get(messageId);
        if (message != null && message.expired(now, limits.incompleteTimeout())) {
            release(state, messageId, message);
            message = null;
        }
        if (message == null) {
            FragmentResult refusal = admit(state, messageId, total, count);
            if (refusal != null) {
                forgetIfIdle(sender, state);
                return refusal;
            }
            message = new PartialMessage(messageId, type.get(), keyId, (int) total, (int) size, count, now);
            state.inProgress.put(messageId, message);
            state.bytes += message.accountedBytes();
            totalBytes += message.accountedBytes();
        } else {
            String mismatch = message.mismatch(type.get(), keyId, total, size);
            if (mismatch != null) {
                return refuse(messageId, message.count(), FragmentRefusal.FRAGMENT_REFUSAL_INCONSISTENT, mismatch);
            }
        }

        boolean added = message.add((int) index, fragment.getData(), now);
        if (!message.complete()) {
            return new FragmentResult.Held(added, message.held(), message.count());
        }
        release(state, messageId, message);
        forgetIfIdle(sender, state);
        remember(key, count, now);
        return new FragmentResult.Completed(completeAck(messageId, count),
                new LargeMessage(sender, keyId, messageId, message.type(), message.payload()));
    }

    /** Progress acks due now: for each message that got fragments since its last ack and none for the ack delay. */
    public synchronized List<PendingAck> dueAcks(Instant now) {
        sweepIfDue(now);
        List<PendingAck> due = new ArrayList<>();
        for (Map.Entry<UUID, SenderState> sender : senders.entrySet()) {
            for (PartialMessage message : sender.getValue().inProgress.values()) {
                if (message.takeAckDue(now, limits.ackDelay())) {
                    due.add(new PendingAck(sender.getKey(), message.keyId(), message.ack()));
                }
            }
        }
        return due;
    }

    /** Drops messages that got no fragment for the incomplete timeout, and forgets old completed ids. */
    public synchronized void expire(Instant now) {
        for (Iterator<Map.Entry<UUID, SenderState>> it = senders.entrySet().iterator(); it.hasNext(); ) {
            SenderState state = it.next().getValue();
            for (Iterator<PartialMessage> messages = state.inProgress.values().iterator(); messages.hasNext(); ) {
                PartialMessage message = messages.next();
                if (message.expired(now, limits.incompleteTimeout())) {
                    messages.remove();
                    state.bytes -= message.accountedBytes();
                    totalBytes -= message.accountedBytes();
                }
            }
            if (state.inProgress.isEmpty()) {
                it.remove();
            }
        }
        for (Iterator<CompletedEntry> it = completed.values().iterator(); it.hasNext(); ) {
            if (it.next().forgetAt().isAfter(now)) {
                break; // insertion order is completion order, and every entry is kept equally long
            }
            it.remove();
        }
        Duration interval = limits.incompleteTimeout().compareTo(MAX_SWEEP_INTERVAL) < 0
                ? limits.incompleteTimeout() : MAX_SWEEP_INTERVAL;
        nextSweep = now.plus(interval);
    }

    /** Heap held by messages in reassembly, all senders. */
    public synchronized long bufferedBytes() {
        return totalBytes;
    }

    public synchronized long bufferedBytes(UUID sender) {
        SenderState state = senders.get(sender);
        return state == null ? 0 : state.bytes;
    }

    public synchronized int messagesInProgress(UUID sender) {
        SenderState state = senders.get(sender);
        return state == null ? 0 : state.inProgress.size();
    }

    private FragmentResult admit(SenderState state, long messageId, long total, int count) {
        long cost = PartialMessage.costOf((int) total, count);
        if (state.inProgress.size() >= limits.maxMessagesPerSender()) {
            return refuse(messageId, count, FragmentRefusal.FRAGMENT_REFUSAL_SENDER_LIMIT, "the sender already has "
                    + state.inProgress.size() + " messages in reassembly; the limit is " + limits.maxMessagesPerSender());
        }
        if (state.bytes + cost > limits.maxBytesPerSender()) {
            return refuse(messageId, count, FragmentRefusal.FRAGMENT_REFUSAL_SENDER_LIMIT, "the sender holds "
                    + state.bytes + " bytes in reassembly; " + cost + " more exceed its limit of " + limits.maxBytesPerSender());
        }
        if (totalBytes + cost > limits.maxBytesTotal()) {
            return refuse(messageId, count, FragmentRefusal.FRAGMENT_REFUSAL_BUSY, "reassembly holds "
                    + totalBytes + " bytes; " + cost + " more exceed the total limit of " + limits.maxBytesTotal());
        }
        return null;
    }

    private void release(SenderState state, long messageId, PartialMessage message) {
        state.inProgress.remove(messageId);
        state.bytes -= message.accountedBytes();
        totalBytes -= message.accountedBytes();
    }

    private void forgetIfIdle(UUID sender, SenderState state) {
        if (state.inProgress.isEmpty()) {
            senders.remove(sender);
        }
    }

    private void remember(MessageKey key, int count, Instant now) {
        if (limits.maxCompletedRemembered() == 0) {
            return;
        }
        completed.put(key, new CompletedEntry(count, now.plus(limits.completedMemory())));
        if (completed.size() > limits.maxCompletedRemembered()) {
            Iterator<MessageKey> oldest = completed.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
    }

    private void sweepIfDue(Instant now) {
        if (!now.isBefore(nextSweep)) {
            expire(now);
        }
    }

    private static FragmentAck completeAck(long messageId, int count) {
        return FragmentAck.newBuilder().setMessageId(messageId).setFragmentCount(count).setComplete(true).build();
    }

    private static FragmentResult refuse(long messageId, int count, FragmentRefusal reason, String detail) {
        return new FragmentResult.Refused(FragmentAck.newBuilder()
                .setMessageId(messageId).setFragmentCount(count).setRefusal(reason).build(), detail);
    }
}
