package dev.cascade.wire;

/** The bounds of the foreground content transfer's messages (docs/protocol.md §17.5 lists the same). */
public final class TransferLimits {

    private TransferLimits() {
    }

    /** The smallest max_datagram_size a requester may state: IPv6's minimum MTU less its headers, never fragmented. */
    public static final int MIN_DATAGRAM_SIZE = 1200;
    /** PieceRequest.block_size and Block.block_size. */
    public static final int MIN_BLOCK_SIZE = 256;
    public static final int MAX_BLOCK_SIZE = 65_000;
    /** Blocks one PIECE_REQUEST may ask for: bounds what one request makes a holder send. */
    public static final int MAX_BLOCKS_PER_REQUEST = 64;
    /** The longest piece (AppMetadata.piece_size) the transfer carries: 64 MiB. */
    public static final long MAX_PIECE_LENGTH = 64L * 1024 * 1024;
    /** PieceRefusal.retry_after_ms: at most 10 minutes. */
    public static final long MAX_RETRY_AFTER_MS = 600_000;
    /** PieceRefusal.held_pieces: at most 1 024 bytes, a map of 8 192 pieces, so that a refusal stays one small datagram. */
    public static final int MAX_HELD_PIECES_BYTES = 1024;
}
