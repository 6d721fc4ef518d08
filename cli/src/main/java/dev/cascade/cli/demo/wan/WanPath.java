package dev.cascade.cli.demo.wan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The links a datagram crosses from one office to another, in order: up from the sender's office to the nearest
 * office both lie under, then down to the receiver's. A datagram passes each link's queue in turn, entering the next
 * one when it arrives at the end of the previous. No links: both ends in one office, delivered at once.
 */
public record WanPath(List<WanLink> links) {

    public WanPath {
        links = List.copyOf(links);
    }

    /**
     * Sends a datagram of {@code payloadBytes} along the path; {@code delivery} runs when it arrives at the far end,
     * never if a link on the way drops it (that link counts the drop).
     */
    public void send(int payloadBytes, Runnable delivery) {
        hop(0, payloadBytes, delivery);
    }

    private void hop(int index, int payloadBytes, Runnable delivery) {
        if (index == links.size()) {
            delivery.run();
            return;
        }
        links.get(index).offer(payloadBytes, () -> hop(index + 1, payloadBytes, delivery));
    }

    public boolean isEmpty() {
        return links.isEmpty();
    }

    /** The links' names, e.g. {@code "Branch-A-WiFi → Branch-A, Branch-A → HQ"}; {@code "(same office)"} when none. */
    @Override
    public String toString() {
        return links.isEmpty() ? "(same office)" : links.stream().map(WanLink::name).collect(Collectors.joining(", "));
    }
}
