package dev.cascade.wire.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

class HeldPieceMapTest {

    @Test
    void aContentThatFitsIsMappedFromItsFirstPieceWithoutTrailingZeroBytes() {
        BitSet held = new BitSet();
        held.set(0);
        held.set(9);
        HeldPieceMap map = HeldPieceMap.around(held, 64, 40);

        assertThat(map.from()).isZero();
        assertThat(map.bits()).containsExactly(0b0000_0001, 0b0000_0010);
        assertThat(map.held(0)).isTrue();
        assertThat(map.held(9)).isTrue();
        assertThat(map.held(8)).isFalse();
        assertThat(map.held(63)).isFalse();
        assertThat(map.heldCount()).isEqualTo(2);
        assertThat(map.covers(63)).isTrue();
    }

    @Test
    void aLargeContentIsMappedInAWindowAroundThePieceAskedFor() {
        BitSet held = new BitSet();
        held.set(0, 20_000);
        HeldPieceMap map = HeldPieceMap.around(held, 20_000, 10_005);

        assertThat(map.from()).isEqualTo(10_000);
        assertThat(map.bits()).hasSize(1024);
        assertThat(map.covers(9_999)).isFalse();
        assertThat(map.covers(18_191)).isTrue();
        assertThat(map.covers(18_192)).isFalse();
        assertThat(map.heldCount()).isEqualTo(HeldPieceMap.MAX_PIECES);

        HeldPieceMap end = HeldPieceMap.around(held, 20_000, 19_999);
        assertThat(end.from()).isEqualTo(11_808); // the last 8 192 pieces, from a multiple of 8
        assertThat(end.covers(19_999)).isTrue();
    }

    @Test
    void nothingHeldIsAnEmptyMap() {
        assertThat(HeldPieceMap.around(new BitSet(), 64, 3).bits()).isEmpty();
        assertThat(HeldPieceMap.around(new BitSet(), 64, 3).held(3)).isFalse();
    }

    @Test
    void aMapMustStartAtAMultipleOfEightAndStaySmall() {
        assertThatThrownBy(() -> new HeldPieceMap(3, new byte[1])).hasMessageContaining("multiple of 8");
        assertThatThrownBy(() -> new HeldPieceMap(0, new byte[1025])).hasMessageContaining("at most 1024 bytes");
    }
}
