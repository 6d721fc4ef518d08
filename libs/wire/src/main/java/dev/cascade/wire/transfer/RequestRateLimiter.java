package dev.cascade.wire.transfer;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Token buckets of PIECE_REQUESTs per source IP address, the least recently heard address forgotten first.
 * A request over the limit is dropped without an answer; the requester's retransmission timer asks again.
 * Not thread-safe: the server's receive loop owns it.
 */
final class RequestRateLimiter {

    private final double perSecond;
    private final double burst;
    private final Map<InetAddress, double[]> buckets; // {tokens, last refill nanos}

    RequestRateLimiter(double perSecond, double burst, int maxSources) {
        if (perSecond <= 0 || burst < 1 || maxSources < 1) {
            throw new IllegalArgumentException("request rate " + perSecond + "/s, burst " + burst + " and sources "
                    + maxSources + " must be positive (burst at least 1)");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.buckets = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<InetAddress, double[]> eldest) {
                return size() > maxSources;
            }
        };
    }

    boolean tryAcquire(InetAddress source, long nowNanos) {
        double[] bucket = buckets.computeIfAbsent(source, s -> new double[] {burst, nowNanos});
        double refill = (nowNanos - bucket[1]) / 1e9 * perSecond;
        bucket[0] = Math.min(burst, bucket[0] + Math.max(0, refill));
        bucket[1] = nowNanos;
        if (bucket[0] < 1) {
            return false;
        }
        bucket[0] -= 1;
        return true;
    }
}
