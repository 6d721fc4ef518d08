package dev.cascade.wire.transfer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fetcher's state towards one source: its congestion window and round-trip estimate, the blocks in flight
 * (numbered by an ordinal in the order they were asked for), the pieces it is assembling, and whether it is
 * still usable. Loss detection (docs/protocol.md §17.4): a block is lost when a block asked for
 * {@value #REORDER_THRESHOLD} or more ordinals after it has arrived (reordering up to that depth is tolerated),
 * or when the retransmission timeout passes since its request.
 */
final class SourceLink {

    static final int REORDER_THRESHOLD = 3;
    /** A window held at its minimum by other traffic this long means the WAN is busy (docs/protocol.md §18.5). */
    static final long WAN_BUSY_AFTER_NANOS = 1_000_000_000L;

    /** A block asked for and not yet answered. */
    record InFlight(PieceAssembly assembly, int block, int requestId, long sentNanos) {
    }

    final FetchSource source;
    /** The largest BLOCK datagram asked for, and the block size cut to fit it; smaller once after {@link #resize}. */
    int maxDatagramSize;
    int blockSize;
    /** A block of the current size arrived from it at least once. */
    boolean blockArrived;
    /** It was asked for smaller datagrams after the first size brought nothing ({@link #resize}). */
    boolean resized;
    final RttEstimator rtt;
    final CongestionControl window;
    final List<PieceAssembly> active = new ArrayList<>();
    /** Pieces the source said it does not hold (NOT_HELD, or absent from its held-piece map). */
    final BitSet notHeld = new BitSet();
    /** Pieces its held-piece map showed, whatever the source's own bitmap said. */
    final BitSet learnedHeld = new BitSet();
    /** It said it is fetching the content: ask again for pieces it lacked at {@link #recheckNanos}. */
    boolean fetching;
    long recheckNanos = Long.MAX_VALUE;
    /** The piece a recheck asked it for, or -1. */
    int probePiece = -1;
    /** When it last showed a piece more (a held-piece map with more pieces, or a block), for the growth wait. */
    long lastGrowthNanos;

    private final TreeMap<Long, InFlight> inFlight = new TreeMap<>();
    private long nextOrdinal;
    private long highestArrived = -1;
    private int lastSampledRequest;
    long nextSendNanos;
    long busyUntilNanos;
    int busyAnswers;
    int consecutiveTimeouts;
    long bytes;
    int pieces;
    SourceOutcome outcome = SourceOutcome.OK;
    boolean dropped;
    String detail = "";
    private boolean wanBusy;

    SourceLink(FetchSource source, int maxDatagramSize, int blockSize, RttEstimator rtt) {
        this(source, maxDatagramSize, blockSize, rtt, CongestionSettings.FOREGROUND);
    }

    SourceLink(FetchSource source, int maxDatagramSize, int blockSize, RttEstimator rtt, CongestionSettings congestion) {
        this.source = source;
        this.maxDatagramSize = maxDatagramSize;
        this.blockSize = blockSize;
        this.rtt = rtt;
        this.window = congestion.newControl(rtt);
    }

    /**
     * True when this source's WAN-busy state changed at {@code now}: busy once its window has been held at the minimum
     * by other traffic for {@link #WAN_BUSY_AFTER_NANOS}, no longer busy once it grows again.
     */
    boolean wanBusyChanged(long now) {
        long since = window.minimumSince();
        boolean busy = !dropped && since >= 0 && now - since >= WAN_BUSY_AFTER_NANOS;
        if (busy == wanBusy) {
            return false;
        }
        wanBusy = busy;
        return true;
    }

    boolean wanBusy() {
        return wanBusy;
    }

    boolean holds(int piece) {
        return learnedHeld.get(piece) || source.holds(piece) && !notHeld.get(piece);
    }

    /**
     * A NOT_HELD answer for {@code piece}, with the holder's map and, while it is fetching the content, when to ask
     * again: what it holds replaces what was assumed within the map's window.
     */
    void notHeld(int piece, HeldPieceMap map, long retryAfterNanos, long now) {
        notHeld.set(piece);
        learnedHeld.clear(piece);
        probePiece = -1; // a probe answered NOT_HELD: the next waits for retry_after
        int before = learnedHeld.cardinality();
        int end = map.from() + HeldPieceMap.MAX_PIECES;
        for (int p = map.from(); p < end; p++) {
            if (map.held(p)) {
                learnedHeld.set(p);
                notHeld.clear(p);
            } else {
                learnedHeld.clear(p);
                notHeld.set(p);
            }
        }
        boolean wasFetching = fetching;
        fetching = retryAfterNanos > 0;
        recheckNanos = fetching ? now + retryAfterNanos : Long.MAX_VALUE;
        if (!wasFetching || learnedHeld.cardinality() > before) {
            lastGrowthNanos = now;
        }
    }

    /**
     * Its recheck time came: {@code probe}, a missing piece, counts as held again, so that it is asked for once (and
     * comes, or the answer brings a new map).
     */
    void recheck(int probe) {
        notHeld.clear(probe);
        probePiece = probe;
        recheckNanos = Long.MAX_VALUE;
    }

    boolean usable(long now) {
        return !dropped && busyUntilNanos <= now;
    }

    int inFlightCount() {
        return inFlight.size();
    }

    /** Records {@code block} asked for in request {@code requestId}; true when it is a retransmission. */
    boolean asked(PieceAssembly assembly, int block, int requestId, long now) {
        long ordinal = nextOrdinal++;
        inFlight.put(ordinal, new InFlight(assembly, block, requestId, now));
        return assembly.asked(block, ordinal);
    }

    /**
     * A block of {@code assembly} arrived in answer to {@code requestId}: takes it out of flight, samples the round
     * trip (once per request: the first block answering it), and returns the blocks now declared lost by the
     * reordering threshold.
     */
    List<InFlight> arrived(PieceAssembly assembly, int block, int requestId, long now) {
        long ordinal = assembly.ordinal(block);
        if (ordinal >= 0) {
            InFlight flight = inFlight.remove(ordinal);
            if (flight != null && flight.requestId() == requestId && requestId > lastSampledRequest) {
                rtt.sample(now - flight.sentNanos());
                lastSampledRequest = requestId;
            }
            highestArrived = Math.max(highestArrived, ordinal);
        }
        consecutiveTimeouts = 0;
        blockArrived = true;
        List<InFlight> lost = new ArrayList<>();
        while (!inFlight.isEmpty() && inFlight.firstKey() <= highestArrived - REORDER_THRESHOLD) {
            lost.add(inFlight.pollFirstEntry().getValue());
        }
        return lost;
    }

    /** The blocks whose request is older than the retransmission timeout, taken out of flight. */
    List<InFlight> expired(long now) {
        List<InFlight> expired = new ArrayList<>();
        long cutoff = now - rtt.rto();
        while (!inFlight.isEmpty() && inFlight.firstEntry().getValue().sentNanos() <= cutoff) {
            expired.add(inFlight.pollFirstEntry().getValue());
        }
        return expired;
    }

    /** When the oldest block in flight times out, or {@code Long.MAX_VALUE} with nothing in flight. */
    long nextTimeoutNanos() {
        return inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.firstEntry().getValue().sentNanos() + rtt.rto();
    }

    /** Forgets every block in flight of {@code assembly} (it moves to another source or is dropped). */
    void abandon(PieceAssembly assembly) {
        Iterator<Map.Entry<Long, InFlight>> entries = inFlight.entrySet().iterator();
        while (entries.hasNext()) {
            if (entries.next().getValue().assembly() == assembly) {
                entries.remove();
            }
        }
        assembly.forgetAllInFlight();
        active.remove(assembly);
    }

    /** Gives up every piece and everything in flight (BUSY, or dropped). Returns the pieces it was assembling. */
    List<PieceAssembly> releaseAll() {
        List<PieceAssembly> released = new ArrayList<>(active);
        for (PieceAssembly assembly : released) {
            abandon(assembly);
        }
        inFlight.clear();
        return released;
    }

    /**
     * How long to wait after a request of {@code blocks} before the next one: the window spread over a round trip
     * (pacing at twice the window's rate in slow start, 1.25 times after), so that requests, and the bursts of
     * blocks they trigger, are spaced rather than sent back to back.
     */
    long pacingGapNanos(int blocks) {
        long srtt = rtt.srtt();
        if (srtt <= 0) {
            return 0;
        }
        double gain = window.inSlowStart() ? 2.0 : 1.25;
        return (long) (srtt * (double) blocks / window.blocks() / gain);
    }

    /**
     * Asks for {@code datagramSize}-byte datagrams cut into {@code newBlockSize}-byte blocks from now on, with the
     * timeouts counted afresh. Its pieces must have been released first: their blocks were cut to the old size.
     */
    void resize(int datagramSize, int newBlockSize) {
        if (!active.isEmpty() || !inFlight.isEmpty()) {
            throw new IllegalStateException("resized while assembling " + active.size() + " pieces");
        }
        maxDatagramSize = datagramSize;
        blockSize = newBlockSize;
        resized = true;
        consecutiveTimeouts = 0;
    }

    void drop(SourceOutcome why, String words) {
        if (!dropped) {
            dropped = true;
            outcome = why;
            detail = words;
        }
    }
}
