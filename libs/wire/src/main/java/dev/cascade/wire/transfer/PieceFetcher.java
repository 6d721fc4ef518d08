package dev.cascade.wire.transfer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import dev.cascade.contracts.v1.Block;
import dev.cascade.contracts.v1.PieceRefusal;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.DecodedPayload;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.PayloadDecoder;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.TransferLimits;
import dev.cascade.wire.Verification;

/**
 * The requester's side of the content transfer (docs/protocol.md §17; the background protocol of §18 with
 * {@link FetchSettings#BACKGROUND}): fetches every missing piece of a content from several sources at once, asking
 * each for blocks with PIECE_REQUESTs paced by a per-source congestion window (loss-based AIMD, or delay-based for
 * background transfers), re-asking only for blocks declared lost, handing each assembled piece to a
 * {@link PieceSink} that verifies it, and dropping sources that send a bad piece, refuse, stay busy or do not
 * answer. One fetch at a time per instance, on the calling thread; {@link #cancel} may be called from anywhere.
 */
public final class PieceFetcher {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Handling a datagram this long or longer is a pause during which blocks queued unread (the sink's work). */
    private static final long PAUSE_NANOS = 1_000_000;

    private final DatagramSocket socket;
    private final KeyRing keys;
    private final UUID requesterId;
    private final SequenceCounter sequences;
    private final FetchSettings settings;
    private final Clock clock;
    private final DatagramVerifier verifier;
    private final byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();

    public PieceFetcher(DatagramSocket socket, KeyRing keys, UUID requesterId, SequenceCounter sequences,
                        FetchSettings settings, Clock clock) {
        this.socket = socket;
        this.keys = keys;
        this.requesterId = requesterId;
        this.sequences = sequences;
        this.settings = settings;
        this.clock = clock;
        this.verifier = new DatagramVerifier(keys, new ReplayGuard(4_096), Duration.ofSeconds(300), clock,
                EnumSet.of(MessageType.BLOCK, MessageType.PIECE_REFUSAL));
    }

    /** Ends the running fetch at its next step; the pieces accepted so far stay accepted. */
    public void cancel() {
        cancelled.set(true);
    }

    /** Datagrams dropped, by reason: the §6 labels, malformed_payload, unknown_sender, other_transfer, unexpected. */
    public long dropped(String reason) {
        LongAdder adder = dropped.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    /**
     * Fetches every piece of {@code manifest} not in {@code held} (the pieces verified before, e.g. before a
     * restart) from {@code sources}, delivering each to {@code sink}. Returns when every piece is held, when no
     * source is left to ask, or when cancelled.
     */
    public FetchResult fetch(ContentManifest manifest, List<FetchSource> sources, BitSet held, PieceSink sink,
                             FetchProgress progress) throws IOException {
        cancelled.set(false);
        Fetch fetch = new Fetch(manifest, sources, held, sink, progress);
        return fetch.run();
    }

    /** The state of one fetch. */
    private final class Fetch {

        private final ContentManifest manifest;
        private final PieceSink sink;
        private final FetchProgress progress;
        private final long transferId = randomTransferId();
        private final List<SourceLink> links = new ArrayList<>();
        private final Map<UUID, SourceLink> bySender = new HashMap<>();
        private final PieceAssignment assignment;
        /** Blocks in flight over all sources at most: as many as the socket's receive buffer queues. */
        private final int queuedBlocks;
        /**
         * No block times out before this instant: set after this thread was busy for a while (the sink verifying
         * and storing a piece, a GC pause), during which the blocks answering its requests were queued in the
         * socket unread. Their requests are older than the timeout by then, though the blocks arrived in time;
         * reading the queue takes less than the pause that filled it, so that much grace tells them apart.
         */
        private long timeoutsFrom;
        private final PieceRequests requests;
        private int piecesFetched;
        private int badPieces;
        private long blocksReceived;
        private long duplicateBlocks;

        Fetch(ContentManifest manifest, List<FetchSource> sources, BitSet held, PieceSink sink, FetchProgress progress)
                throws SocketException {
            this.manifest = manifest;
            this.requests = new PieceRequests(socket, keys, requesterId, sequences, clock, transferId, manifest.contentId(),
                    () -> count("send_failed"));
            this.sink = sink;
            this.progress = progress;
            for (FetchSource source : sources) {
                if (bySender.containsKey(source.deviceId())) {
                    throw new IllegalArgumentException("source " + source.deviceId() + " is listed twice");
                }
                int maxDatagram = settings.maxDatagramSize() != 0 ? settings.maxDatagramSize()
                        : BlockSizing.defaultMaxDatagramSize(source.address().getAddress());
                SourceLink link = new SourceLink(source, maxDatagram,
                        BlockSizing.blockSize(maxDatagram, manifest.contentId()),
                        new RttEstimator(settings.initialRto().toNanos(), settings.minRto().toNanos(),
                                settings.maxRto().toNanos()), settings.congestion());
                links.add(link);
                bySender.put(source.deviceId(), link);
            }
            assignment = new PieceAssignment(manifest, links, held == null ? new BitSet() : (BitSet) held.clone(),
                    settings.piecesPerSource(), settings.stallTimeout());
            int largestDatagram = TransferLimits.MIN_DATAGRAM_SIZE;
            for (SourceLink link : links) {
                largestDatagram = Math.max(largestDatagram, link.maxDatagramSize);
            }
            queuedBlocks = ReceiveBuffer.queuedDatagrams(socket, largestDatagram);
        }

        FetchResult run() throws IOException {
            while (!done()) {
                long now = System.nanoTime();
                socket.setSoTimeout(waitMillis(now));
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                    long received = System.nanoTime();
                    handle(packet.getLength(), received);
                    paused(received, System.nanoTime());
                } catch (SocketTimeoutException e) {
                    timeoutsFrom = 0; // nothing queued: a block still in flight now is late
                }
                now = System.nanoTime();
                if (now >= timeoutsFrom) {
                    for (SourceLink link : links) {
                        timeouts(link, now);
                    }
                }
                for (SourceLink link : links) {
                    ask(link, now);
                    if (link.wanBusyChanged(now)) {
                        progress.wanBusy(link.source.deviceId(), link.wanBusy());
                    }
                }
            }
            return result();
        }

        /** Handling one datagram took from {@code began} to {@code ended}: a pause of a millisecond or more. */
        private void paused(long began, long ended) {
            long pause = ended - began;
            if (pause >= PAUSE_NANOS) {
                timeoutsFrom = Math.max(timeoutsFrom, ended + pause);
            }
        }

        /**
         * Done when every piece is held, when cancelled, or when no source serves a missing piece and none that is
         * fetching the content itself has gained a piece within the growth wait (§17.4.5).
         */
        private boolean done() {
            if (cancelled.get() || assignment.heldCount() == manifest.pieceCount()) {
                return true;
            }
            long now = System.nanoTime();
            boolean waiting = false;
            for (SourceLink link : links) {
                if (link.dropped) {
                    continue;
                }
                if (assignment.servesAnyMissing(link)) {
                    return false;
                }
                if (link.fetching && now - link.lastGrowthNanos < settings.growthWait().toNanos()) {
                    waiting = true;
                    int probe = link.recheckNanos <= now ? assignment.probePiece() : -1; // a scan: only when due
                    if (probe >= 0) {
                        link.recheck(probe);
                        return false;
                    }
                }
            }
            if (waiting) {
                return false;
            }
            for (SourceLink link : links) {
                if (!link.dropped) {
                    link.drop(SourceOutcome.NOT_HELD, link.fetching
                            ? "holds none of the pieces still missing and gained none in "
                                    + settings.growthWait().toMillis() + " ms"
                            : "holds none of the pieces still missing");
                }
            }
            return true;
        }

        /** Until the next timeout or paced request, between 1 and 20 ms. */
        private int waitMillis(long now) {
            long next = Long.MAX_VALUE;
            for (SourceLink link : links) {
                if (!link.dropped) {
                    next = Math.min(next, link.nextTimeoutNanos());
                    next = Math.min(next, Math.max(link.nextSendNanos, link.busyUntilNanos));
                    next = Math.min(next, link.recheckNanos);
                }
            }
            long millis = (next - now) / 1_000_000;
            return (int) Math.max(1, Math.min(20, millis));
        }

        private void handle(int length, long now) {
            Verification verification = verifier.verify(buffer, length);
            if (verification instanceof Verification.Dropped drop) {
                count(drop.reason().label());
                return;
            }
            var datagram = ((Verification.Accepted) verification).datagram();
            SourceLink link = bySender.get(datagram.header().senderId());
            if (link == null) {
                count("unknown_sender");
                return;
            }
            if (!(PayloadDecoder.decode(datagram.type(), datagram.payload()) instanceof DecodedPayload.Valid valid)) {
                count("malformed_payload");
                return;
            }
            if (valid.message() instanceof Block block) {
                block(link, block, now);
            } else {
                refusal(link, (PieceRefusal) valid.message(), now);
            }
        }

        private void block(SourceLink link, Block block, long now) {
            if (block.getTransferId() != transferId || !block.getContentId().equals(manifest.contentId())) {
                count("other_transfer");
                return;
            }
            PieceAssembly assembly = assignment.ownedBy(link, block.getPieceIndex());
            if (assembly == null || block.getBlockSize() != link.blockSize
                    || block.getPieceLength() != assembly.layout.pieceLength()) {
                count("unexpected"); // a late block of a piece that moved on, or one nobody asked this source for
                return;
            }
            int index = block.getBlockIndex();
            if (assembly.held(index)) {
                duplicateBlocks++;
                link.arrived(assembly, index, block.getRequestId(), now);
                return;
            }
            List<SourceLink.InFlight> lost = link.arrived(assembly, index, block.getRequestId(), now);
            assembly.store(index, block.getData().toByteArray(), 0, link.source.deviceId(), now);
            link.lastGrowthNanos = now;
            blocksReceived++;
            link.window.delivered(1, block.getSentMicros(), now);
            for (SourceLink.InFlight flight : lost) {
                lose(link, flight, now);
            }
            if (assembly.complete()) {
                finish(link, assembly);
            }
        }

        private void lose(SourceLink link, SourceLink.InFlight flight, long now) {
            flight.assembly().forget(flight.block());
            link.window.lost(flight.sentNanos(), now);
        }

        private void refusal(SourceLink link, PieceRefusal refusal, long now) {
            if (refusal.getTransferId() != transferId || !refusal.getContentId().equals(manifest.contentId())) {
                count("other_transfer");
                return;
            }
            switch (refusal.getReason()) {
                case PIECE_REFUSAL_REASON_BUSY -> {
                    assignment.release(link);
                    link.busyAnswers++;
                    if (link.busyAnswers >= settings.busyRetries()) {
                        drop(link, SourceOutcome.BUSY, "busy " + link.busyAnswers + " times: " + refusal.getDetail());
                    } else {
                        // moves on to the other sources now, and asks this one again after its retry_after
                        link.busyUntilNanos = now + Math.max(100, refusal.getRetryAfterMs()) * 1_000_000L;
                        link.outcome = SourceOutcome.BUSY;
                    }
                }
                case PIECE_REFUSAL_REASON_NOT_HELD -> {
                    HeldPieceMap map = new HeldPieceMap(refusal.getHeldFrom(), refusal.getHeldPieces().toByteArray());
                    link.notHeld(refusal.getPieceIndex(), map, refusal.getRetryAfterMs() * 1_000_000L, now);
                    for (PieceAssembly assembly : List.copyOf(link.active)) {
                        if (!link.holds(assembly.piece)) {
                            assignment.unassign(link, assembly); // the map says it lacks this one too
                        }
                    }
                }
                default -> drop(link, SourceOutcome.REFUSED, refusal.getReason() + ": " + refusal.getDetail());
            }
        }

        private void timeouts(SourceLink link, long now) {
            if (link.dropped || link.nextTimeoutNanos() > now) {
                return;
            }
            List<SourceLink.InFlight> expired = link.expired(now);
            for (SourceLink.InFlight flight : expired) {
                flight.assembly().forget(flight.block());
            }
            link.window.timedOut(now);
            link.rtt.backOff();
            link.consecutiveTimeouts++;
            if (link.consecutiveTimeouts < settings.maxTimeouts()) {
                return;
            }
            if (!link.blockArrived && !link.resized && link.maxDatagramSize > TransferLimits.MIN_DATAGRAM_SIZE) {
                shrink(link);
                return;
            }
            drop(link, SourceOutcome.UNREACHABLE, "no block in " + link.consecutiveTimeouts
                    + " consecutive retransmission timeouts" + (link.resized ? " (" + link.detail + ")" : ""));
        }

        /**
         * No block ever came in the datagrams this side's MTU allows: the path to the holder may carry less (a VPN
         * tunnel, PPPoE) and drop larger datagrams without a word when ICMP is filtered. Once, before the holder
         * counts as unreachable, it is asked for {@value TransferLimits#MIN_DATAGRAM_SIZE}-byte datagrams, which every
         * path carries (docs/protocol.md §17.3).
         */
        private void shrink(SourceLink link) {
            int before = link.maxDatagramSize;
            assignment.release(link);
            link.resize(TransferLimits.MIN_DATAGRAM_SIZE,
                    BlockSizing.blockSize(TransferLimits.MIN_DATAGRAM_SIZE, manifest.contentId()));
            link.detail = "no block came in " + before + "-byte datagrams, so " + TransferLimits.MIN_DATAGRAM_SIZE
                    + "-byte ones were asked for: the path to it carries less than this network's MTU";
        }

        /** Sends as many requests to {@code link} as its window and pacing allow now. */
        private void ask(SourceLink link, long now) {
            for (int round = 0; round < 8 && link.usable(now) && link.nextSendNanos <= now; round++) {
                if (link.outcome == SourceOutcome.BUSY) {
                    link.outcome = SourceOutcome.OK; // its retry_after passed: it gets asked again
                }
                int room = Math.min(Math.min(link.window.blocks() - link.inFlightCount(), queuedBlocks - inFlight()),
                        settings.requestBatch());
                if (room <= 0) {
                    return;
                }
                PieceAssembly assembly = assignment.work(link, now);
                if (assembly == null) {
                    return;
                }
                int sent = requests.request(link, assembly, room, now);
                link.nextSendNanos = now + link.pacingGapNanos(sent);
            }
        }

        /** Blocks in flight from all sources: every one of them may be queued in the socket at once. */
        private int inFlight() {
            int blocks = 0;
            for (SourceLink link : links) {
                blocks += link.inFlightCount();
            }
            return blocks;
        }

        private void finish(SourceLink link, PieceAssembly assembly) {
            assignment.unassign(link, assembly);
            PieceSink.Verdict verdict = sink.accept(assembly.piece, assembly.data());
            if (verdict == PieceSink.Verdict.ACCEPTED) {
                assignment.accepted(assembly);
                piecesFetched++;
                link.bytes += assembly.layout.pieceLength();
                link.pieces++;
                if (link.fetching && link.probePiece == assembly.piece) {
                    link.probePiece = -1;
                    link.recheckNanos = System.nanoTime(); // it had the probed piece: it may well have the next
                }
                progress.pieceAccepted(assembly.piece, link.source.deviceId(), assignment.heldCount(), manifest.pieceCount());
                return;
            }
            badPieces++;
            if (assembly.contributors().size() == 1) {
                drop(link, SourceOutcome.BAD, "piece " + assembly.piece + " failed verification");
            } else {
                assembly.singleSource = true; // several sources sent it: the next attempt tells which one is bad
            }
            assembly.reset();
        }

        private void drop(SourceLink link, SourceOutcome outcome, String detail) {
            assignment.release(link);
            link.drop(outcome, detail);
            if (outcome == SourceOutcome.BAD) {
                assignment.restartContributed(link); // anything it sent is suspect
            }
            progress.sourceDropped(link.source.deviceId(), outcome, detail);
        }

        private FetchResult result() {
            List<SourceReport> reports = new ArrayList<>();
            for (SourceLink link : links) {
                reports.add(new SourceReport(link.source.deviceId(), link.source.address(), link.outcome, link.bytes,
                        link.pieces, link.detail));
            }
            int missing = manifest.pieceCount() - assignment.heldCount();
            return new FetchResult(missing == 0, piecesFetched, missing, reports, blocksReceived, requests.blocksRerequested(),
                    duplicateBlocks, badPieces);
        }
    }

    private void count(String reason) {
        dropped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    private static long randomTransferId() {
        long id;
        do {
            id = RANDOM.nextLong();
        } while (id == 0);
        return id;
    }
}
