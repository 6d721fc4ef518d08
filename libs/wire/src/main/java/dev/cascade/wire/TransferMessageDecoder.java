package dev.cascade.wire;

import static dev.cascade.wire.FieldRules.malformed;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.Block;
import dev.cascade.contracts.v1.PieceRefusal;
import dev.cascade.contracts.v1.PieceRefusalReason;
import dev.cascade.contracts.v1.PieceRequest;

/**
 * The payload rules of the foreground content transfer (docs/protocol.md §17.5): PIECE_REQUEST, BLOCK and
 * PIECE_REFUSAL. Only what one message can say about itself is checked here; whether the blocks fit the
 * holder's piece is the holder's check (it answers INVALID), whether a BLOCK belongs to a request is the
 * requester's.
 */
final class TransferMessageDecoder {

    private TransferMessageDecoder() {
    }

    static DecodedPayload pieceRequest(PieceRequest m) {
        DecodedPayload.Malformed bad = common(m.getTransferId(), m.getContentId(), m.getPieceIndex(), m.getRequestId());
        if (bad == null) {
            bad = blockSize(m.getBlockSize());
        }
        long maxDatagram = Integer.toUnsignedLong(m.getMaxDatagramSize());
        if (bad == null && (maxDatagram < TransferLimits.MIN_DATAGRAM_SIZE || maxDatagram > DatagramCodec.MAX_DATAGRAM_SIZE)) {
            bad = malformed("max_datagram_size", "max_datagram_size " + maxDatagram + " is outside "
                    + TransferLimits.MIN_DATAGRAM_SIZE + ".." + DatagramCodec.MAX_DATAGRAM_SIZE);
        }
        if (bad == null) {
            bad = blocksAsked(m);
        }
        return bad != null ? bad : new DecodedPayload.Valid(m);
    }

    private static DecodedPayload.Malformed blocksAsked(PieceRequest m) {
        long first = Integer.toUnsignedLong(m.getFirstBlock());
        long count = Integer.toUnsignedLong(m.getBlockCount());
        long highest;
        ByteString bitmap = m.getBlocks();
        if (bitmap.isEmpty()) {
            if (count < 1 || count > TransferLimits.MAX_BLOCKS_PER_REQUEST) {
                return malformed("block_count", "block_count " + count + " is outside 1.."
                        + TransferLimits.MAX_BLOCKS_PER_REQUEST + " (and blocks is empty)");
            }
            highest = first + count - 1;
        } else {
            if (count != 0) {
                return malformed("block_count", "block_count is " + count + " while blocks is given; expected 0");
            }
            if (bitmap.size() > TransferLimits.MAX_BLOCKS_PER_REQUEST / 8) {
                return malformed("blocks", "blocks has " + bitmap.size() + " bytes; expected at most "
                        + TransferLimits.MAX_BLOCKS_PER_REQUEST / 8);
            }
            int last = bitmap.byteAt(bitmap.size() - 1) & 0xFF;
            if (last == 0) {
                return malformed("blocks", "blocks ends with a zero byte; expected it to stop after the byte"
                        + " holding the highest block asked for");
            }
            highest = first + (bitmap.size() - 1) * 8L + (31 - Integer.numberOfLeadingZeros(last));
        }
        long blocksPerPiece = (TransferLimits.MAX_PIECE_LENGTH + Integer.toUnsignedLong(m.getBlockSize()) - 1)
                / Integer.toUnsignedLong(m.getBlockSize());
        if (highest >= blocksPerPiece) {
            return malformed("first_block", "first_block " + first + " asks for block " + highest + "; a piece of at most "
                    + TransferLimits.MAX_PIECE_LENGTH + " bytes has " + blocksPerPiece + " blocks of " + m.getBlockSize());
        }
        return null;
    }

    static DecodedPayload block(Block m) {
        DecodedPayload.Malformed bad = common(m.getTransferId(), m.getContentId(), m.getPieceIndex(), m.getRequestId());
        if (bad == null) {
            bad = blockSize(m.getBlockSize());
        }
        long pieceLength = Integer.toUnsignedLong(m.getPieceLength());
        if (bad == null && (pieceLength < 1 || pieceLength > TransferLimits.MAX_PIECE_LENGTH)) {
            bad = malformed("piece_length", "piece_length " + pieceLength + " is outside 1.." + TransferLimits.MAX_PIECE_LENGTH);
        }
        if (bad == null) {
            long size = Integer.toUnsignedLong(m.getBlockSize());
            long blocks = (pieceLength + size - 1) / size;
            long index = Integer.toUnsignedLong(m.getBlockIndex());
            if (index >= blocks) {
                bad = malformed("block_index", "block_index " + index + " is not below the piece's block count " + blocks);
            } else {
                long expected = index < blocks - 1 ? size : pieceLength - (blocks - 1) * size;
                if (m.getData().size() != expected) {
                    bad = malformed("data", "data has " + m.getData().size() + " bytes; block " + index + " of a "
                            + pieceLength + "-byte piece in blocks of " + size + " has " + expected);
                }
            }
        }
        return bad != null ? bad : new DecodedPayload.Valid(m);
    }

    static DecodedPayload pieceRefusal(PieceRefusal m) {
        DecodedPayload.Malformed bad = common(m.getTransferId(), m.getContentId(), m.getPieceIndex(), m.getRequestId());
        if (bad == null) {
            bad = FieldRules.enumValue("reason", m.getReason(), true);
        }
        if (bad == null) {
            bad = FieldRules.text("detail", m.getDetail(), 0, PayloadLimits.MAX_TEXT_LENGTH);
        }
        if (bad == null && Integer.toUnsignedLong(m.getRetryAfterMs()) > TransferLimits.MAX_RETRY_AFTER_MS) {
            bad = malformed("retry_after_ms", "retry_after_ms " + Integer.toUnsignedString(m.getRetryAfterMs())
                    + " exceeds " + TransferLimits.MAX_RETRY_AFTER_MS);
        }
        if (bad == null) {
            bad = heldPieces(m);
        }
        return bad != null ? bad : new DecodedPayload.Valid(m);
    }

    /** NOT_HELD's map of the pieces held: a multiple of 8 below the piece limit, a bounded bitmap, no trailing zeros. */
    private static DecodedPayload.Malformed heldPieces(PieceRefusal m) {
        long from = Integer.toUnsignedLong(m.getHeldFrom());
        int bytes = m.getHeldPieces().size();
        if ((from != 0 || bytes != 0) && m.getReason() != PieceRefusalReason.PIECE_REFUSAL_REASON_NOT_HELD) {
            return malformed("held_pieces", "held_pieces/held_from are set on a " + m.getReason()
                    + " refusal; expected them only with NOT_HELD");
        }
        if (from % 8 != 0 || from >= PayloadLimits.MAX_PIECE_COUNT) {
            return malformed("held_from", "held_from " + from + " is not a multiple of 8 below "
                    + PayloadLimits.MAX_PIECE_COUNT);
        }
        if (bytes > TransferLimits.MAX_HELD_PIECES_BYTES) {
            return malformed("held_pieces", "held_pieces has " + bytes + " bytes; expected at most "
                    + TransferLimits.MAX_HELD_PIECES_BYTES);
        }
        if (bytes > 0 && m.getHeldPieces().byteAt(bytes - 1) == 0) {
            return malformed("held_pieces", "held_pieces ends with a zero byte; expected its last byte not 0");
        }
        if (from + 8L * bytes > PayloadLimits.MAX_PIECE_COUNT) {
            return malformed("held_pieces", "held_pieces reaches piece " + (from + 8L * bytes - 1)
                    + "; expected pieces below " + PayloadLimits.MAX_PIECE_COUNT);
        }
        return null;
    }

    private static DecodedPayload.Malformed common(long transferId, String contentId, int pieceIndex, int requestId) {
        if (transferId == 0) {
            return malformed("transfer_id", "transfer_id is 0; expected the requester's non-zero transfer id");
        }
        DecodedPayload.Malformed bad = FieldRules.contentId("content_id", contentId);
        if (bad != null) {
            return bad;
        }
        if (Integer.toUnsignedLong(pieceIndex) >= PayloadLimits.MAX_PIECE_COUNT) {
            return malformed("piece_index", "piece_index " + Integer.toUnsignedString(pieceIndex) + " is not below "
                    + PayloadLimits.MAX_PIECE_COUNT);
        }
        if (requestId == 0) {
            return malformed("request_id", "request_id is 0; expected a non-zero request id");
        }
        return null;
    }

    private static DecodedPayload.Malformed blockSize(int blockSize) {
        long size = Integer.toUnsignedLong(blockSize);
        if (size < TransferLimits.MIN_BLOCK_SIZE || size > TransferLimits.MAX_BLOCK_SIZE) {
            return malformed("block_size", "block_size " + size + " is outside " + TransferLimits.MIN_BLOCK_SIZE + ".."
                    + TransferLimits.MAX_BLOCK_SIZE);
        }
        return null;
    }
}
