package dev.cascade.topology.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Disjoint intervals of addresses of one IP version, as numbers: which addresses are taken by an
 * office, and which parts of a block are still free. O(log n) per query plus the parts returned.
 */
final class AddressIntervals {

    /** first → last, inclusive; intervals never overlap. */
    private final TreeMap<BigInteger, BigInteger> intervals = new TreeMap<>();

    /** Adds first..last, which must not overlap an interval already held. */
    void add(BigInteger first, BigInteger last) {
        intervals.put(first, last);
    }

    boolean contains(BigInteger value) {
        Map.Entry<BigInteger, BigInteger> floor = intervals.floorEntry(value);
        return floor != null && floor.getValue().compareTo(value) >= 0;
    }

    /** The parts of first..last that no interval holds, in order, each as {first, last}. */
    List<BigInteger[]> free(BigInteger first, BigInteger last) {
        List<BigInteger[]> parts = new ArrayList<>();
        BigInteger cursor = first;
        Map.Entry<BigInteger, BigInteger> floor = intervals.floorEntry(first);
        if (floor != null && floor.getValue().compareTo(cursor) >= 0) {
            cursor = floor.getValue().add(BigInteger.ONE);
        }
        for (Map.Entry<BigInteger, BigInteger> taken : intervals.subMap(first, false, last, true).entrySet()) {
            if (taken.getKey().compareTo(cursor) > 0) {
                parts.add(new BigInteger[] {cursor, taken.getKey().subtract(BigInteger.ONE)});
            }
            cursor = cursor.max(taken.getValue().add(BigInteger.ONE));
        }
        if (cursor.compareTo(last) <= 0) {
            parts.add(new BigInteger[] {cursor, last});
        }
        return parts;
    }
}
