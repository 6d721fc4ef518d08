package dev.cascade.wire.transfer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.time.Clock;
import java.util.UUID;

import dev.cascade.contracts.v1.PieceRequest;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.TransferLimits;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.large.FragmentBitmap;

/**
 * Writes and sends the PIECE_REQUESTs of one fetch (docs/protocol.md §17.1, §17.4.2): the next blocks of a piece a
 * source assembles, at most {@link TransferLimits#MAX_BLOCKS_PER_REQUEST} from the first one not asked for yet, in the
 * range form when they are consecutive and the bitmap form otherwise, each request with a new request id, signed with
 * the current fleet key. Runs on the fetch's thread only.
 */
final class PieceRequests {

    /** Where a request that could not be sent is counted. */
    interface Failures {
        void sendFailed();
    }

    private final DatagramSocket socket;
    private final KeyRing keys;
    private final UUID requesterId;
    private final SequenceCounter sequences;
    private final Clock clock;
    private final long transferId;
    private final String contentId;
    private final Failures failures;
    private int nextRequestId = 1;
    private long blocksRerequested;

    PieceRequests(DatagramSocket socket, KeyRing keys, UUID requesterId, SequenceCounter sequences, Clock clock,
                  long transferId, String contentId, Failures failures) {
        this.socket = socket;
        this.keys = keys;
        this.requesterId = requesterId;
        this.sequences = sequences;
        this.clock = clock;
        this.transferId = transferId;
        this.contentId = contentId;
        this.failures = failures;
    }

    /** Blocks asked for again after they were declared lost. */
    long blocksRerequested() {
        return blocksRerequested;
    }

    /** Asks {@code link} for up to {@code room} blocks of {@code assembly}; returns how many. */
    int request(SourceLink link, PieceAssembly assembly, int room, long now) {
        int first = assembly.nextRequestable(0);
        int requestId = nextRequestId;
        nextRequestId = nextRequestId == Integer.MAX_VALUE ? 1 : nextRequestId + 1;
        FragmentBitmap wanted = new FragmentBitmap(TransferLimits.MAX_BLOCKS_PER_REQUEST);
        int count = 0;
        int last = first;
        for (int b = first; b >= 0 && count < room && b < first + TransferLimits.MAX_BLOCKS_PER_REQUEST;
                b = assembly.nextRequestable(b + 1)) {
            wanted.set(b - first);
            if (link.asked(assembly, b, requestId, now)) {
                blocksRerequested++;
            }
            last = b;
            count++;
        }
        PieceRequest.Builder request = PieceRequest.newBuilder()
                .setTransferId(transferId)
                .setContentId(contentId)
                .setPieceIndex(assembly.piece)
                .setRequestId(requestId)
                .setBlockSize(link.blockSize)
                .setMaxDatagramSize(link.maxDatagramSize)
                .setFirstBlock(first);
        if (last - first + 1 == count) {
            request.setBlockCount(count); // contiguous: the range form
        } else {
            request.setBlocks(wanted.toWire());
        }
        send(link, request.build().toByteArray());
        return count;
    }

    private void send(SourceLink link, byte[] payload) {
        WireKey key = keys.current(KeyPurpose.FLEET)
                .orElseThrow(() -> new IllegalStateException("no current fleet key to sign piece requests with"));
        byte[] datagram = DatagramCodec.encode(MessageType.PIECE_REQUEST, requesterId, key, sequences.next(),
                clock.millis(), payload);
        try {
            socket.send(new DatagramPacket(datagram, datagram.length, link.source.address()));
        } catch (IOException e) {
            failures.sendFailed(); // like a lost request: the retransmission timeout asks again
        }
    }
}
