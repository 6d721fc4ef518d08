package dev.cascade.gateway.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SourceRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(42 * SECOND);

    @Test
    void aSourceGetsItsBurstThenOneReplyPerRefilledToken() throws Exception {
        SourceRateLimiter limiter = new SourceRateLimiter(5, 10, 100, now::get);
        InetAddress victim = ip("192.0.2.1");

        assertThat(acquired(limiter, victim, 10)).isEqualTo(10);
        assertThat(limiter.tryAcquire(victim)).isFalse();

        now.addAndGet(SECOND / 5); // 5 per second: one token after 200 ms
        assertThat(limiter.tryAcquire(victim)).isTrue();
        assertThat(limiter.tryAcquire(victim)).isFalse();

        now.addAndGet(SECOND); // five more
        assertThat(acquired(limiter, victim, 20)).isEqualTo(5);
    }

    @Test
    void aLongPauseRefillsTheBucketOnlyUpToTheBurst() throws Exception {
        SourceRateLimiter limiter = new SourceRateLimiter(5, 10, 100, now::get);
        InetAddress source = ip("192.0.2.1");
        acquired(limiter, source, 10);

        now.addAndGet(3600 * SECOND);

        assertThat(acquired(limiter, source, 100)).isEqualTo(10);
    }

    @Test
    void sourcesHaveSeparateBuckets() throws Exception {
        SourceRateLimiter limiter = new SourceRateLimiter(5, 2, 100, now::get);
        InetAddress first = ip("192.0.2.1");
        InetAddress second = ip("2001:db8::1");

        assertThat(acquired(limiter, first, 5)).isEqualTo(2);
        assertThat(acquired(limiter, second, 5)).isEqualTo(2);
    }

    @Test
    void theMapIsBoundedForgettingTheLeastRecentlySeenSource() throws Exception {
        SourceRateLimiter limiter = new SourceRateLimiter(1, 1, 2, now::get);
        InetAddress a = ip("192.0.2.1");
        InetAddress b = ip("192.0.2.2");
        InetAddress c = ip("192.0.2.3");
        assertThat(limiter.tryAcquire(a)).isTrue();
        assertThat(limiter.tryAcquire(b)).isTrue();
        assertThat(limiter.tryAcquire(b)).isFalse(); // b is now the most recently seen

        assertThat(limiter.tryAcquire(c)).isTrue();   // evicts a, the least recently seen

        assertThat(limiter.trackedSources()).isEqualTo(2);
        assertThat(limiter.tryAcquire(b)).isFalse();  // b was kept, still empty
        assertThat(limiter.tryAcquire(a)).isTrue();   // a was forgotten: a fresh bucket
    }

    @Test
    void refusesSettingsThatCouldNeverReply() {
        assertThatThrownBy(() -> new SourceRateLimiter(0, 10, 100, now::get)).hasMessageContaining("rate");
        assertThatThrownBy(() -> new SourceRateLimiter(5, 0, 100, now::get)).hasMessageContaining("burst");
        assertThatThrownBy(() -> new SourceRateLimiter(5, 10, 0, now::get)).hasMessageContaining("source");
    }

    private static int acquired(SourceRateLimiter limiter, InetAddress source, int attempts) {
        int granted = 0;
        for (int i = 0; i < attempts; i++) {
            if (limiter.tryAcquire(source)) {
                granted++;
            }
        }
        return granted;
    }

    private static InetAddress ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal);
    }
}
