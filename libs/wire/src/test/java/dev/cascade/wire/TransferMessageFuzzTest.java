package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

import dev.cascade.contracts.v1.Block;
import dev.cascade.contracts.v1.PieceRequest;
import dev.cascade.wire.transfer.BlockLayout;

/**
 * The decoders of the content transfer messages (0x40..0x42, protocol.md §17.5), one target each. Whatever the
 * bytes: no exception; a valid message re-encodes to the same valid message; a malformed one names its field first.
 * A valid request asks for 1..64 blocks, all below the block count of the longest piece; a valid block's data is
 * exactly its share of the piece.
 */
class TransferMessageFuzzTest {

    @FuzzTest
    void pieceRequest(byte[] payload) {
        DecodedPayload decoded = check(MessageType.PIECE_REQUEST, payload);
        if (decoded instanceof DecodedPayload.Valid valid) {
            PieceRequest request = (PieceRequest) valid.message();
            long asked = request.getBlocks().isEmpty() ? Integer.toUnsignedLong(request.getBlockCount())
                    : FieldRules.bitCount(request.getBlocks());
            assertThat(asked).isBetween(1L, (long) TransferLimits.MAX_BLOCKS_PER_REQUEST);
            long blocksPerPiece = (TransferLimits.MAX_PIECE_LENGTH + request.getBlockSize() - 1) / request.getBlockSize();
            assertThat(Integer.toUnsignedLong(request.getFirstBlock())).isLessThan(blocksPerPiece);
        }
    }

    @FuzzTest
    void block(byte[] payload) {
        DecodedPayload decoded = check(MessageType.BLOCK, payload);
        if (decoded instanceof DecodedPayload.Valid valid) {
            Block block = (Block) valid.message();
            BlockLayout layout = new BlockLayout(block.getPieceLength(), block.getBlockSize());
            assertThat(block.getBlockIndex()).isBetween(0, layout.blockCount() - 1);
            assertThat(block.getData().size()).isEqualTo(layout.length(block.getBlockIndex()));
        }
    }

    @FuzzTest
    void pieceRefusal(byte[] payload) {
        check(MessageType.PIECE_REFUSAL, payload);
    }

    private static DecodedPayload check(MessageType type, byte[] payload) {
        DecodedPayload decoded = PayloadDecoder.decode(type, payload);
        if (decoded instanceof DecodedPayload.Valid valid) {
            DecodedPayload again = PayloadDecoder.decode(type, valid.message().toByteArray());
            assertThat(again).isInstanceOf(DecodedPayload.Valid.class);
            assertThat(((DecodedPayload.Valid) again).message()).isEqualTo(valid.message());
        } else {
            DecodedPayload.Malformed malformed = (DecodedPayload.Malformed) decoded;
            assertThat(malformed.field()).isNotBlank();
            assertThat(malformed.detail()).isNotBlank().startsWith(malformed.field());
        }
        return decoded;
    }
}
