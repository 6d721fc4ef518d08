package dev.cascade.cli.demo.netns;

import java.time.Duration;
import java.util.List;

/**
 * A router leg's shaping as {@code tc tbf} does it: {@code bitsPerSecond}, and a queue an edge router would have — a
 * frame that would wait longer than {@code queue} is dropped (tbf's {@code latency}).
 *
 * <p>The bucket ({@code burst}) holds at least a few of the largest frames (tbf drops a frame larger than its bucket)
 * and at least 10 ms of the rate: tbf refills it from a timer, and a bucket smaller than one timer period's worth
 * caps the rate below the one asked for.
 */
public record TokenBucket(long bitsPerSecond, Duration queue, int mtu) {

    /** Frames the bucket holds at the least. */
    static final int FRAMES_IN_BURST = 4;
    /** The Ethernet header a frame adds to the MTU on a veth. */
    static final int ETHERNET_HEADER = 14;

    public TokenBucket {
        if (bitsPerSecond < 8_000) {
            throw new IllegalArgumentException("a WAN link's rate must be at least 8000 bit/s, not " + bitsPerSecond);
        }
        if (queue.isNegative() || queue.isZero()) {
            throw new IllegalArgumentException("a WAN link's queue must be longer than 0, not " + queue);
        }
        if (mtu < 576) {
            throw new IllegalArgumentException("MTU " + mtu + " is below IPv4's 576");
        }
    }

    /** Bytes the bucket holds. */
    public long burstBytes() {
        return Math.max((long) FRAMES_IN_BURST * (mtu + ETHERNET_HEADER), bitsPerSecond / 8 / 100);
    }

    /** The {@code tc} command that puts this shaping on {@code device} (replacing its root qdisc). */
    public List<String> tcCommand(String device) {
        return List.of("tc", "qdisc", "replace", "dev", device, "root", "tbf", "rate", bitsPerSecond + "bit",
                "burst", String.valueOf(burstBytes()), "latency", Math.max(1, queue.toMillis()) + "ms");
    }
}
