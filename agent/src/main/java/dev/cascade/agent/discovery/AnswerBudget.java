package dev.cascade.agent.discovery;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How many bytes of DISCOVER_REPLY the responder may send: a token bucket of bytes per source address
 * and one for all sources together. Counted in bytes, not replies, because amplification is about
 * bytes: a reply carries the piece bitmap and can be far larger than the DISCOVER that asked for it
 * (docs/protocol.md §12). A peer asks a few times per content, so the per-source bucket only bites on
 * a flood, which must not turn the agent into a reflector; the total bounds what many (spoofed)
 * sources in the subnet can draw. A reply larger than a burst is never sent, so bursts should be at
 * least the largest datagram (65 507 bytes). The per-source map is bounded: the least recently heard
 * source is forgotten first and starts again with a full bucket.
 */
public final class AnswerBudget {

    /** Reply bytes per second and burst: per source, and in all. */
    public record Limits(long perSourceBytesPerSecond, long perSourceBurstBytes, long totalBytesPerSecond,
                         long totalBurstBytes, int maxSources) {

        /** 8 KiB/s with a burst of 64 KiB per source, 128 KiB/s with a burst of 256 KiB in all, 4096 sources. */
        public static Limits defaults() {
            return new Limits(8 * 1024, 64 * 1024, 128 * 1024, 256 * 1024, 4096);
        }

        public Limits {
            if (perSourceBytesPerSecond < 1 || totalBytesPerSecond < 1) {
                throw new IllegalArgumentException("answer rates must be at least 1 byte per second");
            }
            if (perSourceBurstBytes < 1 || totalBurstBytes < 1) {
                throw new IllegalArgumentException("answer bursts must be at least 1 byte");
            }
            if (maxSources < 1) {
                throw new IllegalArgumentException("the answer budget must remember at least 1 source");
            }
        }
    }

    private final Limits limits;
    private final LongSupplier nanoTime;
    private final Bucket total;
    private final Map<InetAddress, Bucket> perSource;

    public AnswerBudget(Limits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
        this.total = new Bucket(limits.totalBurstBytes(), nanoTime.getAsLong());
        this.perSource = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                return size() > limits.maxSources();
            }
        };
    }

    /**
     * Takes {@code bytes} from {@code source}'s bucket and from the total; false, taking nothing, if
     * either holds less.
     */
    public synchronized boolean tryTake(InetAddress source, int bytes) {
        long now = nanoTime.getAsLong();
        Bucket own = perSource.computeIfAbsent(source, s -> new Bucket(limits.perSourceBurstBytes(), now));
        own.refill(now, limits.perSourceBytesPerSecond(), limits.perSourceBurstBytes());
        total.refill(now, limits.totalBytesPerSecond(), limits.totalBurstBytes());
        if (own.bytes < bytes || total.bytes < bytes) {
            return false;
        }
        own.bytes -= bytes;
        total.bytes -= bytes;
        return true;
    }

    public Limits limits() {
        return limits;
    }

    private static final class Bucket {
        double bytes;
        long refilledAt;

        Bucket(double bytes, long refilledAt) {
            this.bytes = bytes;
            this.refilledAt = refilledAt;
        }

        void refill(long now, long perSecond, long burst) {
            bytes = Math.min(burst, bytes + Math.max(0, now - refilledAt) * (perSecond / 1e9));
            refilledAt = now;
        }
    }
}
