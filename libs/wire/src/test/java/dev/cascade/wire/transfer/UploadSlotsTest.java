package dev.cascade.wire.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class UploadSlotsTest {

    private static final long S = 1_000_000_000L;

    @Test
    void aRequesterKeepsItsSlotWhileAskingAndLosesItWhenIdle() {
        UploadSlots slots = new UploadSlots(2, 3 * S);
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();

        assertThat(slots.acquire(a, 0)).isTrue();
        assertThat(slots.acquire(b, S)).isTrue();
        assertThat(slots.acquire(c, 2 * S)).as("both slots taken").isFalse();
        assertThat(slots.full(2 * S)).isTrue();
        assertThat(slots.acquire(a, 2 * S + 1)).as("a renews its own").isTrue();
        assertThat(slots.acquire(c, 4 * S)).as("b idle for 3 s: its slot is free").isTrue();
        assertThat(slots.acquire(b, 4 * S)).isFalse();
        assertThat(slots.inUse(10 * S)).isZero();
    }

    @Test
    void requestsPerSourceAddressAreRateLimited() throws Exception {
        RequestRateLimiter limiter = new RequestRateLimiter(10, 3, 16);
        InetAddress one = InetAddress.getByName("10.0.0.1");
        InetAddress two = InetAddress.getByName("10.0.0.2");

        assertThat(limiter.tryAcquire(one, 0)).isTrue();
        assertThat(limiter.tryAcquire(one, 0)).isTrue();
        assertThat(limiter.tryAcquire(one, 0)).isTrue();
        assertThat(limiter.tryAcquire(one, 0)).as("burst of 3 spent").isFalse();
        assertThat(limiter.tryAcquire(two, 0)).as("another address has its own bucket").isTrue();
        assertThat(limiter.tryAcquire(one, S / 10)).as("one token back after 100 ms at 10/s").isTrue();
        assertThat(limiter.tryAcquire(one, S / 10)).isFalse();
    }
}
