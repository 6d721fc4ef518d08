package dev.cascade.wire.large;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.contracts.v1.FragmentRefusal;

/**
 * What the receiver has told a sender about one large message (protocol.md §10.3-10.4): the fullest
 * progress ack, completion or refusal, and from that the fragments of the next round. Acks may
 * arrive on another thread than the one sending, so every method holds this object's monitor and
 * the waits wake on each ack.
 */
public class DeliveryProgress {

    private final FragmentedMessage message;
    private FragmentBitmap fullest;
    private boolean complete;
    private FragmentRefusal refusal = FragmentRefusal.FRAGMENT_REFUSAL_NONE;
    private int acks;

    public DeliveryProgress(FragmentedMessage message) {
        this.message = message;
    }

    public FragmentedMessage message() {
        return message;
    }

    /** Takes an ack into account; acks of other messages are ignored. */
    public synchronized void consider(FragmentAck ack) {
        if (ack.getMessageId() != message.messageId()) {
            return; // an ack of an earlier message
        }
        acks++;
        if (ack.getComplete()) {
            complete = true;
        } else if (ack.getRefusal() != FragmentRefusal.FRAGMENT_REFUSAL_NONE) {
            refusal = ack.getRefusal();
        } else {
            FragmentBitmap bitmap = FragmentBitmap.fromWire(message.count(), ack.getReceived());
            if (fullest == null || bitmap.held() > fullest.held()) {
                fullest = bitmap; // the receiver's bitmap only grows: the fullest ack is the latest
            }
        }
        notifyAll();
    }

    public synchronized int acks() {
        return acks;
    }

    public synchronized boolean finished() {
        return complete || refusal != FragmentRefusal.FRAGMENT_REFUSAL_NONE;
    }

    public synchronized boolean complete() {
        return complete;
    }

    public synchronized FragmentRefusal refusal() {
        return refusal;
    }

    /** Fragments the fullest ack lists as held. */
    public synchronized int held() {
        return fullest == null ? 0 : fullest.held();
    }

    /**
     * Waits up to {@code millis} until {@code done} holds, waking on every ack: for senders whose acks
     * reach this object from another thread.
     */
    public synchronized void awaitUntil(long millis, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!done.getAsBoolean()) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) {
                return;
            }
            wait(remaining);
        }
    }

    /** The fragments of the next round: all the fullest ack lacks, or one probe if the receiver was silent. */
    public synchronized List<Integer> missing(boolean answered) {
        List<Integer> out = new ArrayList<>();
        FragmentBitmap known = fullest != null ? fullest : new FragmentBitmap(message.count());
        for (int i = known.nextMissing(0); i >= 0; i = known.nextMissing(i + 1)) {
            out.add(i);
            if (!answered) {
                break;
            }
        }
        if (out.isEmpty()) {
            out.add(0); // everything held but the completion ack was lost: any fragment brings it again
        }
        return out;
    }

    /** The outcome once {@link #finished()}. */
    public synchronized LargeDelivery outcome(int round, int resent) {
        return complete ? new LargeDelivery.Delivered(round, message.count(), resent)
                : new LargeDelivery.Refused(refusal, round);
    }
}
