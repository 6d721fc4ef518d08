package dev.cascade.gateway.outbound;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.contracts.v1.FragmentRefusal;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.large.FragmentBitmap;
import dev.cascade.wire.large.FragmentedMessage;

/**
 * What the receiver told the gateway about one large message it is sending (protocol.md §10.3-10.4):
 * the fullest progress ack, completion or refusal. Acks arrive on a receive thread and the sending
 * thread waits for them, so every method holds this object's monitor.
 */
final class LargeSend {

    private final FragmentedMessage message;
    private final InetSocketAddress destination;
    private final WireKey key;
    private FragmentBitmap fullest;
    private boolean complete;
    private FragmentRefusal refusal = FragmentRefusal.FRAGMENT_REFUSAL_NONE;
    private int acks;

    LargeSend(FragmentedMessage message, InetSocketAddress destination, WireKey key) {
        this.message = message;
        this.destination = destination;
        this.key = key;
    }

    FragmentedMessage message() {
        return message;
    }

    InetSocketAddress destination() {
        return destination;
    }

    WireKey key() {
        return key;
    }

    /** An ack naming this message (from the destination, tagged with this send's key; checked by the caller). */
    synchronized void consider(FragmentAck ack) {
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

    synchronized int acks() {
        return acks;
    }

    synchronized boolean finished() {
        return complete || refusal != FragmentRefusal.FRAGMENT_REFUSAL_NONE;
    }

    synchronized boolean complete() {
        return complete;
    }

    synchronized FragmentRefusal refusal() {
        return refusal;
    }

    synchronized int held() {
        return fullest == null ? 0 : fullest.held();
    }

    /** Waits up to {@code millis} until finished or more than {@code acksSeen} acks arrived. */
    synchronized void awaitAckAfter(int acksSeen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!finished() && acks <= acksSeen) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) {
                return;
            }
            wait(remaining);
        }
    }

    /** Waits up to {@code millis} unless finished: the pause between bursts, and the settle time after an ack. */
    synchronized void pause(long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!finished()) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000;
            if (remaining <= 0) {
                return;
            }
            wait(remaining);
        }
    }

    /** The fragments of the next round: all the fullest ack lacks, or one probe if the receiver was silent. */
    synchronized List<Integer> missing(boolean answered) {
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
}
