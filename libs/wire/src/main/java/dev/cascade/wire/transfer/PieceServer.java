package dev.cascade.wire.transfer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.BitSet;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.Block;
import dev.cascade.contracts.v1.PieceRefusal;
import dev.cascade.contracts.v1.PieceRefusalReason;
import dev.cascade.contracts.v1.PieceRequest;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.DecodedPayload;
import dev.cascade.wire.Header;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.PayloadDecoder;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.large.FragmentBitmap;

/**
 * The holder's side of the content transfer (docs/protocol.md §17): reads PIECE_REQUESTs on the content port
 * (34760 foreground; 34750 background, §18: the same messages, the requester alone paces) and answers each at its
 * source address with the BLOCKs asked for, each stamped with the holder's monotonic clock, or with one
 * PIECE_REFUSAL (REFUSED by the serve policy, NOT_HELD, BUSY when every upload slot is taken, INVALID).
 * Requests that do not authenticate, are replays, do not parse or exceed the source's request rate get
 * nothing back, so the port cannot be used as a reflector by anyone without the fleet key.
 * One receive loop ({@link #start}) owns all state; the counters may be read from any thread.
 */
public final class PieceServer implements AutoCloseable {

    /** A datagram arriving at the content port is dropped as a replay only within this skew, as on every port. */
    private static final Duration MAX_SKEW = Duration.ofSeconds(300);

    private final DatagramSocket socket;
    private final UUID holderId;
    private final SequenceCounter sequences;
    private final PieceSource pieces;
    private final ServePolicy policy;
    private final ServerSettings settings;
    private final Clock clock;
    private final DatagramVerifier verifier;
    private final UploadSlots slots;
    private final RequestRateLimiter rateLimiter;
    private final Map<String, byte[]> cache;
    private final byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];

    private final Map<UUID, LongAdder> bytesServed = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> dropped = new ConcurrentHashMap<>();
    private final Map<PieceRefusalReason, LongAdder> refusals = new ConcurrentHashMap<>();
    private final AtomicLong blocksSent = new AtomicLong();
    private volatile boolean closed;
    private Thread loop;

    public PieceServer(DatagramSocket socket, KeyRing keys, UUID holderId, SequenceCounter sequences, PieceSource pieces,
                       ServePolicy policy, ServerSettings settings, Clock clock) {
        this.socket = socket;
        this.holderId = holderId;
        this.sequences = sequences;
        this.pieces = pieces;
        this.policy = policy;
        this.settings = settings;
        this.clock = clock;
        this.verifier = new DatagramVerifier(keys, new ReplayGuard(65_536), MAX_SKEW, clock,
                EnumSet.of(MessageType.PIECE_REQUEST));
        this.slots = new UploadSlots(settings.uploadSlots(), settings.slotIdleTimeout().toNanos());
        this.rateLimiter = new RequestRateLimiter(settings.requestsPerSecond(), settings.requestBurst(),
                settings.maxRateSources());
        int cached = settings.cachedPieces();
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > cached;
            }
        };
    }

    /** Starts the receive loop on a daemon thread. */
    public synchronized PieceServer start() {
        if (loop == null) {
            loop = new Thread(this::run, "piece-server-" + socket.getLocalPort());
            loop.setDaemon(true);
            loop.start();
        }
        return this;
    }

    private void run() {
        while (!closed) {
            try {
                serveOnce();
            } catch (SocketException e) {
                if (!closed) {
                    count("socket_error");
                }
            } catch (IOException e) {
                count("socket_error"); // a send to one requester failed; the others are still served
            }
        }
    }

    /** Receives one datagram and answers it. */
    public void serveOnce() throws IOException {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        handle(buffer, packet.getLength(), (InetSocketAddress) packet.getSocketAddress());
    }

    /** Checks one received datagram and sends what it calls for. */
    public void handle(byte[] data, int length, InetSocketAddress source) throws IOException {
        Verification verification = verifier.verify(data, length);
        if (verification instanceof Verification.Dropped drop) {
            count(drop.reason().label());
            return;
        }
        Verification.Accepted accepted = (Verification.Accepted) verification;
        if (!(PayloadDecoder.decode(MessageType.PIECE_REQUEST, accepted.datagram().payload())
                instanceof DecodedPayload.Valid valid)) {
            count("malformed_payload");
            return;
        }
        long now = System.nanoTime();
        if (!rateLimiter.tryAcquire(source.getAddress(), now)) {
            count("rate_limited");
            return;
        }
        PieceRequest request = (PieceRequest) valid.message();
        UUID requester = accepted.datagram().header().senderId();
        WireKey key = accepted.key();
        if (policy.decide(requester, source, request.getContentId()) instanceof ServeDecision.Refused refused) {
            refuse(request, PieceRefusalReason.PIECE_REFUSAL_REASON_REFUSED, refused.reason(), 0, key, source);
            return;
        }
        if (!pieces.has(request.getContentId(), request.getPieceIndex())) {
            notHeld(request, key, source);
            return;
        }
        if (!slots.acquire(requester, now)) {
            refuse(request, PieceRefusalReason.PIECE_REFUSAL_REASON_BUSY, "all " + settings.uploadSlots()
                    + " upload slots are in use", (int) settings.busyRetryAfter().toMillis(), key, source);
            return;
        }
        byte[] piece;
        try {
            piece = piece(request.getContentId(), request.getPieceIndex());
        } catch (IOException e) {
            notHeld(request, key, source);
            return;
        }
        sendBlocks(request, piece, requester, key, source);
    }

    private void sendBlocks(PieceRequest request, byte[] piece, UUID requester, WireKey key, InetSocketAddress to)
            throws IOException {
        BlockLayout layout = new BlockLayout(piece.length, request.getBlockSize());
        int[] asked = blocksAsked(request);
        int highest = asked[asked.length - 1];
        if (highest >= layout.blockCount()) {
            refuse(request, PieceRefusalReason.PIECE_REFUSAL_REASON_INVALID, "first_block/blocks ask for block "
                    + highest + "; the piece has " + layout.blockCount() + " blocks of " + request.getBlockSize()
                    + " bytes", 0, key, to);
            return;
        }
        // The largest answer is a full block at the highest index: if that fits, every BLOCK of the request fits.
        int largest = Header.SIZE + Header.TAG_SIZE
                + block(request, layout, highest, piece, layout.length(highest), 0).getSerializedSize();
        if (largest > request.getMaxDatagramSize()) {
            refuse(request, PieceRefusalReason.PIECE_REFUSAL_REASON_INVALID, "block_size " + request.getBlockSize()
                    + " makes BLOCK datagrams of " + largest + " bytes; max_datagram_size is "
                    + request.getMaxDatagramSize(), 0, key, to);
            return;
        }
        LongAdder served = bytesServed.computeIfAbsent(requester, r -> new LongAdder());
        for (int index : asked) {
            // stamped per block just before it is sent: the holder's work on earlier blocks is not path delay
            Block block = block(request, layout, index, piece, layout.length(index), System.nanoTime() / 1_000);
            send(MessageType.BLOCK, block.toByteArray(), key, to);
            served.add(block.getData().size());
            blocksSent.incrementAndGet();
        }
    }

    private static Block block(PieceRequest request, BlockLayout layout, int index, byte[] piece, int length,
                               long sentMicros) {
        return Block.newBuilder()
                .setTransferId(request.getTransferId())
                .setContentId(request.getContentId())
                .setPieceIndex(request.getPieceIndex())
                .setBlockIndex(index)
                .setRequestId(request.getRequestId())
                .setBlockSize(layout.blockSize())
                .setPieceLength(layout.pieceLength())
                .setData(ByteString.copyFrom(piece, layout.offset(index), length))
                .setSentMicros(sentMicros)
                .build();
    }

    /** The block indexes a valid request asks for, ascending. */
    static int[] blocksAsked(PieceRequest request) {
        if (request.getBlocks().isEmpty()) {
            int[] range = new int[request.getBlockCount()];
            for (int i = 0; i < range.length; i++) {
                range[i] = request.getFirstBlock() + i;
            }
            return range;
        }
        FragmentBitmap bits = FragmentBitmap.fromWire(request.getBlocks().size() * 8, request.getBlocks());
        int[] indexes = new int[bits.held()];
        int n = 0;
        for (int i = 0; i < bits.count(); i++) {
            if (bits.get(i)) {
                indexes[n++] = request.getFirstBlock() + i;
            }
        }
        return indexes;
    }

    private byte[] piece(String contentId, int index) throws IOException {
        String cacheKey = index + "/" + contentId;
        byte[] piece = cache.get(cacheKey);
        if (piece == null) {
            piece = pieces.read(contentId, index);
            if (piece.length == 0) {
                throw new IOException("piece " + index + " of " + contentId + " read as empty");
            }
            if (settings.cachedPieces() > 0) {
                cache.put(cacheKey, piece);
            }
        }
        return piece;
    }

    /**
     * NOT_HELD with the map of the pieces held (§17.1), so that the requester asks for those only; while this holder
     * is fetching the content itself, with the retry_after after which it may hold more.
     */
    private void notHeld(PieceRequest request, WireKey key, InetSocketAddress to) throws IOException {
        PieceHolding holding = pieces.holding(request.getContentId());
        int retryAfterMs = holding.fetching() ? (int) settings.fetchingRetryAfter().toMillis() : 0;
        PieceRefusal.Builder refusal = refusal(request, PieceRefusalReason.PIECE_REFUSAL_REASON_NOT_HELD, "piece "
                + request.getPieceIndex() + " of this content is not held here"
                + (holding.fetching() ? " yet (this holder is fetching it)" : ""), retryAfterMs);
        BitSet held = holding.held();
        held.clear(request.getPieceIndex()); // also when it is held but could not be read
        HeldPieceMap map = HeldPieceMap.around(held, Math.max(holding.pieceCount(), request.getPieceIndex() + 1),
                request.getPieceIndex());
        refusal.setHeldFrom(map.from()).setHeldPieces(ByteString.copyFrom(map.bits()));
        send(MessageType.PIECE_REFUSAL, refusal.build().toByteArray(), key, to);
    }

    private void refuse(PieceRequest request, PieceRefusalReason reason, String detail, int retryAfterMs, WireKey key,
                        InetSocketAddress to) throws IOException {
        send(MessageType.PIECE_REFUSAL, refusal(request, reason, detail, retryAfterMs).build().toByteArray(), key, to);
    }

    private PieceRefusal.Builder refusal(PieceRequest request, PieceRefusalReason reason, String detail,
                                         int retryAfterMs) {
        refusals.computeIfAbsent(reason, r -> new LongAdder()).increment();
        return PieceRefusal.newBuilder()
                .setTransferId(request.getTransferId())
                .setContentId(request.getContentId())
                .setPieceIndex(request.getPieceIndex())
                .setRequestId(request.getRequestId())
                .setReason(reason)
                .setDetail(detail.length() > 1024 ? detail.substring(0, 1024) : detail)
                .setRetryAfterMs(retryAfterMs);
    }

    private void send(MessageType type, byte[] payload, WireKey key, InetSocketAddress to) throws IOException {
        byte[] datagram = DatagramCodec.encode(type, holderId, key, sequences.next(), clock.millis(), payload);
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }

    private void count(String reason) {
        dropped.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** Block data bytes sent to each requester (by device id). */
    public Map<UUID, Long> bytesServed() {
        Map<UUID, Long> copy = new LinkedHashMap<>();
        bytesServed.forEach((requester, bytes) -> copy.put(requester, bytes.sum()));
        return copy;
    }

    public long totalBytesServed() {
        return bytesServed.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public long blocksSent() {
        return blocksSent.get();
    }

    /** Datagrams dropped without an answer, by reason (the §6 labels, plus rate_limited and malformed_payload). */
    public long dropped(String reason) {
        LongAdder adder = dropped.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    public long refusals(PieceRefusalReason reason) {
        LongAdder adder = refusals.get(reason);
        return adder == null ? 0 : adder.sum();
    }

    /** True while every upload slot is taken: what a DISCOVER_REPLY's {@code busy} says. */
    public boolean busy() {
        return slots.full(System.nanoTime());
    }

    /** The holder's device id: the sender id of its BLOCKs. */
    public UUID holderId() {
        return holderId;
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        closed = true;
        socket.close();
        Thread running = loop;
        if (running != null && running != Thread.currentThread()) {
            try {
                running.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
