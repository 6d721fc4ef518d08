package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ReplayWindowTest {

    @Test
    void agreesWithASetBasedModelOnRandomTraffic() {
        Random random = new Random(20261120);
        for (int run = 0; run < 50; run++) {
            ReplayWindow window = new ReplayWindow();
            Set<Long> seen = new HashSet<>();
            long highest = -1;
            long base = random.nextInt(1_000_000);
            for (int i = 0; i < 20_000; i++) {
                long sequence = Math.max(0, base + i - random.nextInt(ReplayWindow.SIZE + 200)
                        + (random.nextInt(50) == 0 ? random.nextInt(5000) : 0));
                boolean expected = !seen.contains(sequence) && (highest < 0 || highest - sequence < ReplayWindow.SIZE);
                assertThat(window.accept(sequence)).as("run %d step %d sequence %d highest %d", run, i, sequence, highest)
                        .isEqualTo(expected);
                if (expected) {
                    seen.add(sequence);
                    highest = Math.max(highest, sequence);
                }
            }
        }
    }

    @Test
    void aJumpFarAheadForgetsTheOldWindow() {
        ReplayWindow window = new ReplayWindow();
        assertThat(window.accept(10)).isTrue();
        assertThat(window.accept(10 + 10 * ReplayWindow.SIZE)).isTrue();
        assertThat(window.accept(10)).isFalse();
        assertThat(window.accept(10 + 10 * ReplayWindow.SIZE - 1)).isTrue();
        assertThat(window.accept(10 + 10 * ReplayWindow.SIZE - 1)).isFalse();
    }

    @Test
    void negativeSequencesAreRefused() {
        assertThat(new ReplayWindow().accept(-1)).isFalse();
    }
}
