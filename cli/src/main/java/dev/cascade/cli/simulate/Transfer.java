package dev.cascade.cli.simulate;

/** One piece moving from a source (null: the origin) to a receiver over {@link #path}, at the rate its links allow. */
final class Transfer {

    final FleetDevice receiver;
    final FleetDevice source;
    final int piece;
    final Link[] path;
    final double bytes;
    double remaining;
    /** Bytes per second since {@link #since}. */
    double rate;
    double since;
    /** When it completes at its current rate. */
    double finishAt;
    /** Its place in the {@link TransferHeap}; -1 outside it. */
    int heapIndex = -1;
    /** Started before every transfer of a higher serial: orders equal completion times. */
    long serial;

    Transfer(FleetDevice receiver, FleetDevice source, int piece, Link[] path, double bytes) {
        this.receiver = receiver;
        this.source = source;
        this.piece = piece;
        this.path = path;
        this.bytes = bytes;
        this.remaining = bytes;
    }
}
