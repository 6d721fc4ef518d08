package dev.cascade.licensing.seat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class UsageThresholdsTest {

    @Test
    void levelsAtNinetyAndOneHundredPercent() {
        assertThat(UsageThresholds.level(89, 100)).isZero();
        assertThat(UsageThresholds.level(90, 100)).isEqualTo(90);
        assertThat(UsageThresholds.level(99, 100)).isEqualTo(90);
        assertThat(UsageThresholds.level(100, 100)).isEqualTo(100);
        assertThat(UsageThresholds.level(150, 100)).isEqualTo(100);
        assertThat(UsageThresholds.level(8, 10)).isZero();
        assertThat(UsageThresholds.level(9, 10)).isEqualTo(90);
        // 90 % of 7 seats is 6.3: 6 is below, 7 is full
        assertThat(UsageThresholds.level(6, 7)).isZero();
        // no license: any held seat is at 100 %
        assertThat(UsageThresholds.level(1, 0)).isEqualTo(100);
        assertThat(UsageThresholds.level(0, 0)).isZero();
    }

    @Test
    void warnsOnEveryUpwardCrossingAndNeverWhileStayingAbove() {
        long purchased = 10;
        long[] usedOverTime = {7, 8, 9, 10, 11, 12, 11, 10, 9, 10, 11, 8, 12, 9, 10};
        List<Integer> warnings = new ArrayList<>();
        int level = 0;
        for (long used : usedOverTime) {
            int next = UsageThresholds.level(used, purchased);
            UsageThresholds.crossedUpwards(level, next).ifPresent(warnings::add);
            level = next;
        }
        // 9 → 90; 10 → 100; (11, 12, 11, 10 stay); 9 falls to 90; 10 → 100 again; 8 falls to 0;
        // 12 → 100 (both crossed at once: one warning); 9 falls; 10 → 100
        assertThat(warnings).containsExactly(90, 100, 100, 100, 100);
    }

    @Test
    void ratio() {
        assertThat(UsageThresholds.ratio(45, 50)).isEqualTo(0.9);
        assertThat(UsageThresholds.ratio(0, 0)).isZero();
        assertThat(UsageThresholds.ratio(3, 0)).isInfinite();
    }
}
