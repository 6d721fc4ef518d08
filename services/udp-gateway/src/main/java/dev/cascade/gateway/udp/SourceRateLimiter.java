package dev.cascade.gateway.udp;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per source IP. Used twice: for REJECT replies (a REJECT may answer a datagram
 * whose source address is forged; without a limit the gateway would reflect traffic at a victim)
 * and for registrations entering the Kafka queue (one source cannot crowd out the others).
 * The map is bounded: the least recently seen source is forgotten first and starts again with a
 * full bucket, which caps what a forgotten source gains at one burst per eviction.
 */
public final class SourceRateLimiter {

    private final double tokensPerNano;
    private final int burst;
    private final LongSupplier nanoTime;
    private final Map<InetAddress, Bucket> buckets;

    public SourceRateLimiter(double perSecond, int burst, int maxSources, LongSupplier nanoTime) {
        if (!(perSecond > 0)) {
            throw new IllegalArgumentException("rate must be above 0 per second, was " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
        if (maxSources < 1) {
            throw new IllegalArgumentException("a rate limiter must track at least 1 source, was " + maxSources);
        }
        this.tokensPerNano = perSecond / 1e9;
        this.burst = burst;
        this.nanoTime = nanoTime;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, Bucket> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** Takes one token of {@code source}'s bucket; false if the bucket is empty. */
    public synchronized boolean tryAcquire(InetAddress source) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(source);
        if (bucket == null) {
            bucket = new Bucket(burst, now);
            buckets.put(source, bucket);
        }
        bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAt) * tokensPerNano);
        bucket.refilledAt = now;
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        return true;
    }

    public synchronized int trackedSources() {
        return buckets.size();
    }

    private static final class Bucket {
        double tokens;
        long refilledAt;

        Bucket(double tokens, long refilledAt) {
            this.tokens = tokens;
            this.refilledAt = refilledAt;
        }
    }
}
