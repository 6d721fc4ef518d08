package dev.cascade.topology.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The addresses of one IP version cut into disjoint, sorted segments, each owned by one range: a
 * lookup is one binary search over primitive arrays. Addresses are unsigned 128-bit numbers kept as
 * two longs (an IPv4 address is its 32-bit value in {@code lo}).
 *
 * <p>Where ranges nest, a segment belongs to the smallest range holding it, which is what a
 * longest-prefix match over the ranges' prefix blocks answers; the ranges of a validated topology
 * never overlap, so there each segment is simply one range.
 */
final class AddressSegments {

    private static final int NONE = -1;

    private final long[] startHi;
    private final long[] startLo;
    private final long[] endHi;
    private final long[] endLo;
    private final int[] owner;

    /** One range to place: first..last inclusive, and the index the lookup answers with. */
    record Span(BigInteger first, BigInteger last, int index) {

        BigInteger size() {
            return last.subtract(first).add(BigInteger.ONE);
        }
    }

    /** A stretch of addresses and the index of the range owning it. */
    private record Segment(BigInteger first, BigInteger last, int index) {
    }

    private AddressSegments(List<Segment> segments) {
        int n = segments.size();
        startHi = new long[n];
        startLo = new long[n];
        endHi = new long[n];
        endLo = new long[n];
        owner = new int[n];
        for (int i = 0; i < n; i++) {
            Segment segment = segments.get(i);
            startHi[i] = segment.first().shiftRight(64).longValue();
            startLo[i] = segment.first().longValue();
            endHi[i] = segment.last().shiftRight(64).longValue();
            endLo[i] = segment.last().longValue();
            owner[i] = segment.index();
        }
    }

    static AddressSegments of(List<Span> spans) {
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparing(Span::first).thenComparing(Span::last, Comparator.reverseOrder())
                .thenComparingInt(Span::index));
        return new AddressSegments(disjoint(sorted) ? asSegments(sorted) : smallestOwner(sorted));
    }

    private static boolean disjoint(List<Span> sorted) {
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).first().compareTo(sorted.get(i - 1).last()) <= 0) {
                return false;
            }
        }
        return true;
    }

    private static List<Segment> asSegments(List<Span> sorted) {
        List<Segment> segments = new ArrayList<>(sorted.size());
        for (Span span : sorted) {
            segments.add(new Segment(span.first(), span.last(), span.index()));
        }
        return segments;
    }

    /**
     * Nested or overlapping ranges: a sweep over every range boundary, keeping the ranges open at
     * that point in a heap by size, gives each stretch between two boundaries to the smallest open
     * range (the earliest given on a tie). O(n log n).
     */
    private static List<Segment> smallestOwner(List<Span> sorted) {
        record Boundary(BigInteger at, Span span, boolean opens) {
        }
        List<Boundary> boundaries = new ArrayList<>(sorted.size() * 2);
        for (Span span : sorted) {
            boundaries.add(new Boundary(span.first(), span, true));
            boundaries.add(new Boundary(span.last().add(BigInteger.ONE), span, false));
        }
        boundaries.sort(Comparator.comparing(Boundary::at));
        PriorityQueue<Span> open = new PriorityQueue<>(Comparator.comparing(Span::size).thenComparingInt(Span::index));
        boolean[] closed = new boolean[sorted.stream().mapToInt(Span::index).max().orElse(0) + 1];
        List<Segment> segments = new ArrayList<>();
        int i = 0;
        while (i < boundaries.size()) {
            BigInteger at = boundaries.get(i).at();
            for (; i < boundaries.size() && boundaries.get(i).at().equals(at); i++) {
                Boundary boundary = boundaries.get(i);
                if (boundary.opens()) {
                    open.add(boundary.span());
                } else {
                    closed[boundary.span().index()] = true;
                }
            }
            while (!open.isEmpty() && closed[open.peek().index()]) {
                open.poll();
            }
            if (open.isEmpty() || i == boundaries.size()) {
                continue;
            }
            BigInteger end = boundaries.get(i).at().subtract(BigInteger.ONE);
            int index = open.peek().index();
            Segment previous = segments.isEmpty() ? null : segments.get(segments.size() - 1);
            if (previous != null && previous.index() == index && previous.last().add(BigInteger.ONE).equals(at)) {
                segments.set(segments.size() - 1, new Segment(previous.first(), end, index));
            } else {
                segments.add(new Segment(at, end, index));
            }
        }
        return segments;
    }

    /** The index of the range owning the address hi:lo, or -1 when no range holds it. */
    int owner(long hi, long lo) {
        int low = 0;
        int high = startHi.length - 1;
        int found = NONE;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (compare(startHi[mid], startLo[mid], hi, lo) <= 0) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (found == NONE || compare(hi, lo, endHi[found], endLo[found]) > 0) {
            return NONE;
        }
        return owner[found];
    }

    private static int compare(long aHi, long aLo, long bHi, long bLo) {
        int byHi = Long.compareUnsigned(aHi, bHi);
        return byHi != 0 ? byHi : Long.compareUnsigned(aLo, bLo);
    }

    int size() {
        return owner.length;
    }
}
