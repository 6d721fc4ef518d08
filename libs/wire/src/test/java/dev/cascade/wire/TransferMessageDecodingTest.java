package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import dev.cascade.contracts.v1.Block;
import dev.cascade.contracts.v1.PieceRefusal;
import dev.cascade.contracts.v1.PieceRefusalReason;
import dev.cascade.contracts.v1.PieceRequest;

/** The payload rules of docs/protocol.md §17.5, one by one. */
class TransferMessageDecodingTest {

    static PieceRequest.Builder request() {
        return PieceRequest.newBuilder().setTransferId(0x1234).setContentId("app-1").setPieceIndex(3).setRequestId(9)
                .setBlockSize(1281).setMaxDatagramSize(1472).setFirstBlock(16).setBlockCount(16);
    }

    static Block.Builder block() {
        return Block.newBuilder().setTransferId(0x1234).setContentId("app-1").setPieceIndex(3).setBlockIndex(1)
                .setRequestId(9).setBlockSize(1000).setPieceLength(2500).setData(ByteString.copyFrom(new byte[1000]));
    }

    @Test
    void aRangeRequestAndABitmapRequestAreValid() {
        assertValid(MessageType.PIECE_REQUEST, request().build());
        assertValid(MessageType.PIECE_REQUEST, request().setBlockCount(0)
                .setBlocks(ByteString.copyFrom(new byte[] {0x05, 0x00, (byte) 0x80})).build());
    }

    @Test
    void requestRulesNameTheirField() {
        assertMalformed(MessageType.PIECE_REQUEST, request().setTransferId(0).build(), "transfer_id");
        assertMalformed(MessageType.PIECE_REQUEST, request().setContentId("").build(), "content_id");
        assertMalformed(MessageType.PIECE_REQUEST, request().setRequestId(0).build(), "request_id");
        assertMalformed(MessageType.PIECE_REQUEST, request().setPieceIndex(1 << 22).build(), "piece_index");
        assertMalformed(MessageType.PIECE_REQUEST, request().setBlockSize(255).build(), "block_size");
        assertMalformed(MessageType.PIECE_REQUEST, request().setBlockSize(65_001).build(), "block_size");
        assertMalformed(MessageType.PIECE_REQUEST, request().setMaxDatagramSize(1199).build(), "max_datagram_size");
        assertMalformed(MessageType.PIECE_REQUEST, request().setMaxDatagramSize(65_508).build(), "max_datagram_size");
        assertMalformed(MessageType.PIECE_REQUEST, request().setBlockCount(0).build(), "block_count");
        assertMalformed(MessageType.PIECE_REQUEST, request().setBlockCount(65).build(), "block_count");
        assertMalformed(MessageType.PIECE_REQUEST, request().setBlocks(ByteString.copyFrom(new byte[] {1})).build(),
                "block_count");
        assertMalformed(MessageType.PIECE_REQUEST, request().setBlockCount(0)
                .setBlocks(ByteString.copyFrom(new byte[] {1, 0})).build(), "blocks");
        assertMalformed(MessageType.PIECE_REQUEST, request().setBlockCount(0)
                .setBlocks(ByteString.copyFrom(new byte[9])).build(), "blocks");
        // 64 MiB in blocks of 65 000 bytes is 1 033 blocks: block 1 033 is beyond any piece
        assertMalformed(MessageType.PIECE_REQUEST, request().setBlockSize(65_000).setFirstBlock(1_033).setBlockCount(1)
                .build(), "first_block");
        assertMalformed(MessageType.PIECE_REQUEST, request().setFirstBlock(-1).build(), "first_block");
    }

    @Test
    void aBlockCarriesExactlyItsShareOfThePiece() {
        assertValid(MessageType.BLOCK, block().build());
        assertValid(MessageType.BLOCK, block().setBlockIndex(2).setData(ByteString.copyFrom(new byte[500])).build());
        assertMalformed(MessageType.BLOCK, block().setBlockIndex(2).build(), "data");
        assertMalformed(MessageType.BLOCK, block().setBlockIndex(3).build(), "block_index");
        assertMalformed(MessageType.BLOCK, block().setPieceLength(0).build(), "piece_length");
        assertMalformed(MessageType.BLOCK, block().setPieceLength(64 * 1024 * 1024 + 1).build(), "piece_length");
        assertMalformed(MessageType.BLOCK, block().setTransferId(0).build(), "transfer_id");
    }

    @Test
    void aRefusalNamesAKnownReason() {
        PieceRefusal.Builder refusal = PieceRefusal.newBuilder().setTransferId(1).setContentId("app-1").setRequestId(2)
                .setReason(PieceRefusalReason.PIECE_REFUSAL_REASON_BUSY).setRetryAfterMs(2000).setDetail("all slots");
        assertValid(MessageType.PIECE_REFUSAL, refusal.build());
        assertMalformed(MessageType.PIECE_REFUSAL, refusal.clone().setReasonValue(0).build(), "reason");
        assertMalformed(MessageType.PIECE_REFUSAL, refusal.clone().setReasonValue(17).build(), "reason");
        assertMalformed(MessageType.PIECE_REFUSAL, refusal.clone().setRetryAfterMs(600_001).build(), "retry_after_ms");
        assertMalformed(MessageType.PIECE_REFUSAL, refusal.clone().setDetail("x".repeat(1025)).build(), "detail");
    }

    @Test
    void aNotHeldRefusalMayCarryABoundedMapOfTheHeldPieces() {
        PieceRefusal.Builder notHeld = PieceRefusal.newBuilder().setTransferId(1).setContentId("app-1").setRequestId(2)
                .setPieceIndex(9000).setReason(PieceRefusalReason.PIECE_REFUSAL_REASON_NOT_HELD).setRetryAfterMs(500)
                .setHeldFrom(8992).setHeldPieces(com.google.protobuf.ByteString.copyFrom(new byte[] {0, 5}));
        assertValid(MessageType.PIECE_REFUSAL, notHeld.build());
        assertValid(MessageType.PIECE_REFUSAL, notHeld.clone().clearHeldPieces().build()); // holds none from 8992 on
        assertMalformed(MessageType.PIECE_REFUSAL, notHeld.clone().setHeldFrom(8993).build(), "held_from");
        assertMalformed(MessageType.PIECE_REFUSAL, notHeld.clone().setHeldFrom(4_194_304).build(), "held_from");
        assertMalformed(MessageType.PIECE_REFUSAL, notHeld.clone()
                .setHeldPieces(com.google.protobuf.ByteString.copyFrom(new byte[] {5, 0})).build(), "held_pieces");
        assertMalformed(MessageType.PIECE_REFUSAL, notHeld.clone()
                .setHeldPieces(com.google.protobuf.ByteString.copyFrom(new byte[1025])).build(), "held_pieces");
        assertMalformed(MessageType.PIECE_REFUSAL, notHeld.clone().setHeldFrom(4_194_296)
                .setHeldPieces(com.google.protobuf.ByteString.copyFrom(new byte[] {1, 1})).build(), "held_pieces");
        assertMalformed(MessageType.PIECE_REFUSAL, notHeld.clone()
                .setReason(PieceRefusalReason.PIECE_REFUSAL_REASON_BUSY).build(), "held_pieces");
    }

    private static void assertValid(MessageType type, Message message) {
        assertThat(PayloadDecoder.decode(type, message.toByteArray())).isInstanceOf(DecodedPayload.Valid.class);
    }

    private static void assertMalformed(MessageType type, Message message, String field) {
        DecodedPayload decoded = PayloadDecoder.decode(type, message.toByteArray());
        assertThat(decoded).isInstanceOf(DecodedPayload.Malformed.class);
        DecodedPayload.Malformed malformed = (DecodedPayload.Malformed) decoded;
        assertThat(malformed.field()).isEqualTo(field);
        assertThat(malformed.detail()).startsWith(field);
    }
}
