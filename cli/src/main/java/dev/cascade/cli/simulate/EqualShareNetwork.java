package dev.cascade.cli.simulate;

/**
 * Transfers sharing links: each link's capacity is split equally among the transfers crossing it, and a transfer moves
 * at the smallest share along its path. When a transfer starts or ends only the transfers on its links change rate, so
 * an event costs what its links carry, not what the fleet carries. (Equal shares leave capacity unused where a transfer
 * is held back elsewhere; max-min fairness would hand it on. The model is conservative there.)
 */
final class EqualShareNetwork {

    private final EventQueue queue;
    private long started;

    /** Transfers complete through {@code queue} (its completion handler). */
    EqualShareNetwork(EventQueue queue) {
        this.queue = queue;
    }

    long started() {
        return started;
    }

    void start(Transfer transfer) {
        transfer.serial = started++;
        double now = queue.now();
        transfer.since = now;
        for (Link link : transfer.path) {
            link.transfers.add(transfer);
        }
        transfer.rate = -1; // forces its first schedule
        reshare(transfer.path, now);
    }

    /** Removes a transfer that completed and hands its share to the others on its links. */
    void finish(Transfer transfer) {
        for (Link link : transfer.path) {
            link.transfers.remove(transfer);
            link.bytes += transfer.bytes;
        }
        reshare(transfer.path, queue.now());
    }

    private void reshare(Link[] links, double now) {
        for (Link link : links) {
            for (int i = 0; i < link.transfers.size(); i++) {
                update(link.transfers.get(i), now);
            }
        }
    }

    private void update(Transfer transfer, double now) {
        double rate = Double.POSITIVE_INFINITY;
        for (Link link : transfer.path) {
            rate = Math.min(rate, link.share());
        }
        if (rate == transfer.rate) {
            return;
        }
        if (transfer.rate > 0) {
            transfer.remaining = Math.max(0, transfer.remaining - transfer.rate * (now - transfer.since));
        }
        transfer.since = now;
        transfer.rate = rate;
        transfer.finishAt = now + transfer.remaining / rate;
        queue.transfers().schedule(transfer);
    }
}
