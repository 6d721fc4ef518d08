package dev.cascade.wire.large;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The sending side of protocol.md §10.4, one loop for every sender: send all fragments in paced
 * bursts; wait for a FRAGMENT_ACK (longer after each round without progress); resend only what the
 * fullest ack lacks, or one probe fragment if the receiver was silent; stop on completion, refusal,
 * or {@link SendSettings#maxIdleRounds()} rounds without progress.
 *
 * <p>How fragments leave and how acks arrive is the caller's: {@link LargeMessageSender} reads acks
 * from its own socket, the gateway has them routed to the {@link DeliveryProgress} by its receive thread.
 */
public final class SelectiveRetransmission {

    /** Sends fragment {@code index} of the message (a new datagram each time, protocol.md §4). */
    @FunctionalInterface
    public interface FragmentOut {
        void send(int index) throws IOException;
    }

    /** Lets acks reach the progress for up to {@code millis}, returning early once {@code done} holds. */
    @FunctionalInterface
    public interface AckWait {
        void await(long millis, BooleanSupplier done) throws IOException, InterruptedException;
    }

    private SelectiveRetransmission() {
    }

    public static LargeDelivery run(DeliveryProgress progress, SendSettings settings, FragmentOut out, AckWait acks)
            throws IOException, InterruptedException {
        int count = progress.message().count();
        List<Integer> toSend = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            toSend.add(i);
        }
        int resent = 0;
        int idleRounds = 0;
        for (int round = 1; round <= settings.maxRounds(); round++) {
            int heldBefore = progress.held();
            sendPaced(progress, settings, toSend, out, acks);
            if (round > 1) {
                resent += toSend.size();
            }
            if (progress.finished()) {
                return progress.outcome(round, resent);
            }
            int acksBefore = progress.acks();
            acks.await(settings.ackTimeout(idleRounds).toMillis(), () -> progress.finished() || progress.acks() > acksBefore);
            boolean answered = progress.acks() > acksBefore;
            if (answered && !progress.finished()) {
                acks.await(settings.settle().toMillis(), progress::finished); // a fuller ack may follow
            }
            if (progress.finished()) {
                return progress.outcome(round, resent);
            }
            idleRounds = answered && progress.held() > heldBefore ? 0 : idleRounds + 1;
            if (idleRounds >= settings.maxIdleRounds()) {
                return new LargeDelivery.NoAnswer(round, resent);
            }
            toSend = progress.missing(answered);
        }
        return new LargeDelivery.NoAnswer(settings.maxRounds(), resent);
    }

    private static void sendPaced(DeliveryProgress progress, SendSettings settings, List<Integer> indices,
                                  FragmentOut out, AckWait acks) throws IOException, InterruptedException {
        for (int start = 0; start < indices.size() && !progress.finished(); start += settings.burstFragments()) {
            int end = Math.min(start + settings.burstFragments(), indices.size());
            for (int i = start; i < end; i++) {
                out.send(indices.get(i));
            }
            long gap = settings.burstGap().toMillis();
            if (gap > 0 && end < indices.size()) {
                acks.await(gap, progress::finished);
            }
        }
    }
}
