package dev.cascade.cli.demo.netns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    @Test
    void aSlowLinksBucketHoldsFourJumboFramesAndAFastOnesTenMilliseconds() {
        assertThat(new TokenBucket(10_000_000, Duration.ofMillis(200), 9_000).burstBytes()).isEqualTo(4 * 9_014);
        assertThat(new TokenBucket(200_000_000, Duration.ofMillis(200), 9_000).burstBytes()).isEqualTo(250_000);
        assertThat(new TokenBucket(10_000_000, Duration.ofMillis(200), 1_500).burstBytes()).isEqualTo(12_500);
    }

    @Test
    void theTcCommandShapesTheLegAtTheRateWithTheQueueAsLatency() {
        assertThat(new TokenBucket(20_000_000, Duration.ofMillis(200), 9_000).tcCommand("eth1")).containsExactly("tc", "qdisc",
                "replace", "dev", "eth1", "root", "tbf", "rate", "20000000bit", "burst", "36056", "latency", "200ms");
        assertThat(new TokenBucket(20_000_000, Duration.ofNanos(10), 9_000).tcCommand("eth0")).as("at least 1 ms")
                .contains("1ms");
    }

    @Test
    void ratesQueuesAndMtusThatCannotBeAreRefused() {
        assertThatThrownBy(() -> new TokenBucket(100, Duration.ofMillis(200), 9_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 8000 bit/s, not 100");
        assertThatThrownBy(() -> new TokenBucket(20_000_000, Duration.ZERO, 9_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queue must be longer than 0");
        assertThatThrownBy(() -> new TokenBucket(20_000_000, Duration.ofMillis(200), 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MTU 100");
    }
}
