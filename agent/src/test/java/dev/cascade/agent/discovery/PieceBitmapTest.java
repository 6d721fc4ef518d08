package dev.cascade.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The bitmap's wire form is docs/protocol.md §12's: least significant bit first, trimmed after the highest held piece. */
class PieceBitmapTest {

    @Test
    void writesPieceIAsBitIModEightOfByteIDivEight() {
        PieceBitmap bitmap = PieceBitmap.of(12, 0, 1, 2, 5, 9);

        // byte 0: pieces 0,1,2,5 -> 0b0010_0111; byte 1: piece 9 -> bit 1 -> 0b0000_0010
        assertThat(bitmap.toWire()).containsExactly(0x27, 0x02);
        assertThat(bitmap.heldCount()).isEqualTo(5);
        assertThat(bitmap.ranges()).isEqualTo("0-2,5,9");
        assertThat(bitmap.isHeld(9)).isTrue();
        assertThat(bitmap.isHeld(8)).isFalse();
        assertThat(bitmap.isHeld(12)).isFalse();
    }

    @Test
    void stopsAfterTheByteHoldingTheHighestHeldPiece() {
        assertThat(PieceBitmap.of(1000, 3).toWire()).containsExactly(0x08);
        assertThat(PieceBitmap.none(1000).toWire()).isEmpty();
        assertThat(PieceBitmap.all(9).toWire()).containsExactly(0xFF, 0x01);
        assertThat(PieceBitmap.all(16).toWire()).containsExactly(0xFF, 0xFF);
    }

    @Test
    void readsWhatItWrites() {
        PieceBitmap bitmap = PieceBitmap.of(20, 0, 7, 8, 19);

        assertThat(PieceBitmap.fromWire(20, bitmap.toWire())).isEqualTo(bitmap);
        assertThat(PieceBitmap.fromWire(20, new byte[0])).isEqualTo(PieceBitmap.none(20));
    }

    @Test
    void refusesWireBytesThatDoNotFitThePieceCount() {
        assertThatThrownBy(() -> PieceBitmap.fromWire(8, new byte[] {1, 0}))
                .hasMessage("pieces has 2 bytes; 8 pieces need at most 1");
        // piece 9 of a 9-piece content (0..8) does not exist
        assertThatThrownBy(() -> PieceBitmap.fromWire(9, new byte[] {0, 0x02}))
                .hasMessage("pieces marks piece 9 but piece_count is 9");
    }

    @Test
    void parsesRangesAsItPrintsThem() {
        assertThat(PieceBitmap.parse(8, "0-2,5,7")).isEqualTo(PieceBitmap.of(8, 0, 1, 2, 5, 7));
        assertThat(PieceBitmap.parse(8, " 3 - 4 , 6")).isEqualTo(PieceBitmap.of(8, 3, 4, 6));
        assertThat(PieceBitmap.parse(8, "-")).isEqualTo(PieceBitmap.none(8));
        assertThatThrownBy(() -> PieceBitmap.parse(8, "0-8")).hasMessageContaining("piece 8 is outside 0..7");
        assertThatThrownBy(() -> PieceBitmap.parse(8, "5-2")).hasMessageContaining("'5-2' runs backwards");
        assertThatThrownBy(() -> PieceBitmap.parse(8, "1,x")).hasMessageContaining("'x' is not a piece or a range");
        assertThatThrownBy(() -> PieceBitmap.parse(0, "-")).hasMessageContaining("at least 1 piece");
    }

    @Test
    void addingAPieceMakesANewBitmap() {
        PieceBitmap before = PieceBitmap.none(4);
        PieceBitmap after = before.with(3).with(3);

        assertThat(before.heldCount()).isZero();
        assertThat(after.ranges()).isEqualTo("3");
        assertThat(after.with(0).with(1).with(2).isComplete()).isTrue();
        assertThatThrownBy(() -> before.with(4)).hasMessage("piece 4 is outside 0..3 (the content has 4 pieces)");
    }
}
