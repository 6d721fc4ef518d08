package dev.cascade.wire.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the {@link WanLab}'s processes printed, read back: the fetcher's events ({@link WanFetcherMain}), ping's round
 * trips ({@code ping -D}) and iperf3's 100 ms intervals, all on the machine's wall clock in milliseconds.
 */
final class WanReadings {

    private static final Pattern PING = Pattern.compile("^\\[(\\d+)\\.(\\d+)] .*time=([0-9.]+) ms");
    private static final Pattern IPERF = Pattern.compile(
            "^\\[\\s*\\d+]\\s+([0-9.]+)-([0-9.]+)\\s+sec\\s+[0-9.]+ \\w?Bytes\\s+([0-9.]+) Kbits/sec(?!.*(sender|receiver))");
    private static final Pattern DONE = Pattern.compile(
            "^done (\\d+) complete=(\\w+) seconds=([0-9.]+) bytes=(\\d+) intact=(\\w+) rerequested=(\\d+)");

    private WanReadings() {
    }

    /** One round trip of ping, sent at {@code at}. */
    record RoundTrip(long at, double millis) {
    }

    /** One iperf3 interval: seconds from the flow's start, and its rate. */
    record Interval(double from, double to, double kbitPerSecond) {
    }

    /** A fetcher's run: when it started and ended, its pieces' times, its WAN-busy changes, and its result. */
    record Fetch(long start, long end, List<Long> pieceTimes, List<Long> busySince, List<Long> busyUntil,
                 boolean complete, boolean intact, double seconds, long bytes, long rerequested) {

        /** Pieces accepted in [{@code from}, {@code to}). */
        long piecesBetween(long from, long to) {
            return pieceTimes.stream().filter(t -> t >= from && t < to).count();
        }

        boolean reportedBusyBetween(long from, long to) {
            return busySince.stream().anyMatch(t -> t >= from && t < to);
        }
    }

    static Fetch fetch(List<String> lines) {
        long start = -1;
        List<Long> pieces = new ArrayList<>();
        List<Long> busy = new ArrayList<>();
        List<Long> free = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.split(" ");
            if (line.startsWith("start ")) {
                start = Long.parseLong(words[1]);
            } else if (line.startsWith("piece ")) {
                pieces.add(Long.parseLong(words[1]));
            } else if (line.startsWith("busy ")) {
                (Boolean.parseBoolean(words[2]) ? busy : free).add(Long.parseLong(words[1]));
            } else {
                Matcher done = DONE.matcher(line);
                if (done.find()) {
                    return new Fetch(start, Long.parseLong(done.group(1)), pieces, busy, free,
                            Boolean.parseBoolean(done.group(2)), Boolean.parseBoolean(done.group(5)),
                            Double.parseDouble(done.group(3)), Long.parseLong(done.group(4)),
                            Long.parseLong(done.group(6)));
                }
            }
        }
        throw new IllegalStateException("the fetcher printed no 'done' line; its output:\n" + String.join("\n", lines));
    }

    static List<RoundTrip> pings(List<String> lines) {
        List<RoundTrip> trips = new ArrayList<>();
        for (String line : lines) {
            Matcher m = PING.matcher(line);
            if (m.find()) {
                long at = Long.parseLong(m.group(1)) * 1_000 + Long.parseLong((m.group(2) + "000").substring(0, 3));
                trips.add(new RoundTrip(at, Double.parseDouble(m.group(3))));
            }
        }
        return trips;
    }

    static List<Double> millisBetween(List<RoundTrip> trips, long from, long to) {
        return trips.stream().filter(t -> t.at() >= from && t.at() < to).map(RoundTrip::millis).sorted().toList();
    }

    /** iperf3's per-interval lines (not its summary lines). */
    static List<Interval> intervals(List<String> lines) {
        List<Interval> intervals = new ArrayList<>();
        for (String line : lines) {
            Matcher m = IPERF.matcher(line);
            if (m.find()) {
                intervals.add(new Interval(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3))));
            }
        }
        return intervals;
    }

    /** The {@code q}-quantile (0..1) of sorted values. */
    static double quantile(List<Double> sorted, double q) {
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("no values to take a quantile of");
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size())));
    }

    /** The mean rate of the intervals that start at or after {@code fromSecond}. */
    static double meanKbit(List<Interval> intervals, double fromSecond) {
        return intervals.stream().filter(i -> i.from() >= fromSecond - 1e-9).mapToDouble(Interval::kbitPerSecond)
                .average().orElseThrow(() -> new IllegalStateException("iperf3 reported no interval after "
                        + fromSecond + " s"));
    }
}
