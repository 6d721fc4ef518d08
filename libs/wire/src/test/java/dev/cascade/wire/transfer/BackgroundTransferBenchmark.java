package dev.cascade.wire.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.cascade.testkit.netns.NamespaceProcess;

/**
 * The background protocol benchmark of issue 8 (docs/benchmarks.md has the command and the numbers), in a
 * {@link WanLab} whose bottleneck is {@code tbf rate 20mbit burst 32kbit latency 400ms}. Side by side in one run, with
 * one holder JVM and a fetcher JVM per transfer:
 * <ol>
 *   <li>(a) the background flow alone: goodput (content bytes) and link use (bytes tbf sent) ÷ the link rate;</li>
 *   <li>(b) the queueing delay it adds: {@code ping -i 0.05} through the bottleneck during the transfer minus the idle
 *       round trip, p50 / p95 / max, against the foreground (loss-based AIMD) flow in the same lab;</li>
 *   <li>(c) a TCP flow (iperf3, 100 ms intervals) started 5 s into each transfer, against the same flow alone and
 *       against TCP's line rate (1 448 payload bytes per 1 514-byte frame): how soon it reaches 90 % of them, and what
 *       the transfer keeps meanwhile.</li>
 * </ol>
 * Not a test: runs only with {@code -Dcascade.benchmark.wan=true}, as root; its name keeps it out of the default run.
 */
class BackgroundTransferBenchmark {

    private static final String RATE = System.getProperty("cascade.benchmark.wan.rate", "20mbit");
    /** The competing TCP flow's congestion control: cubic, the common loss-based one (this machine's default is BBR). */
    private static final String TCP = System.getProperty("cascade.benchmark.wan.tcp", "cubic");
    private static final int MIB = Integer.getInteger("cascade.benchmark.wan.mib", 32);
    private static final int PIECE = 256 * 1024;
    /** 4 MiB fetched first, unmeasured: the JIT compiles the transfer's code as in a long-running agent. */
    private static final int WARM_UP_PIECES = 16;
    private static final int TCP_AFTER_SECONDS = 5;
    private static final int TCP_SECONDS = 6;
    private static final Duration TRANSFER_LIMIT = Duration.ofMinutes(5);

    @Test
    void linkUseAddedDelayAndYieldingToTcp() throws Exception {
        assumeTrue(Boolean.getBoolean("cascade.benchmark.wan"), "skipped: the WAN benchmark runs with -Dcascade.benchmark.wan=true");
        Optional<String> reason = WanLab.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        WanLab.ContentSpec content = new WanLab.ContentSpec(8, MIB * 1024 * 1024, PIECE);
        List<String> report = new ArrayList<>();
        try (WanLab lab = WanLab.open("wanb", RATE, TCP)) {
            WanLab.Holder holder = lab.holder(content);
            double linkBytesPerSecond = lab.rateBitsPerSecond / 8.0;
            // what one TCP flow can carry at most: 1 448 bytes of payload per 1 514-byte frame (timestamps on)
            double lineKbit = lab.rateBitsPerSecond * 1_448.0 / 1_514 / 1_000;

            NamespaceProcess idle = lab.ping();
            Thread.sleep(3_000);
            idle.close();
            List<Double> idleTrips = WanReadings.pings(idle.lines()).stream().map(WanReadings.RoundTrip::millis)
                    .sorted().toList();
            double idleMs = WanReadings.quantile(idleTrips, 0.5);
            report.add(String.format("idle round trip through the bottleneck: p50 %.3f ms (%d pings)", idleMs,
                    idleTrips.size()));

            NamespaceProcess server = lab.iperfServer();
            NamespaceProcess soloPing = lab.ping();
            long soloStart = System.currentTimeMillis();
            NamespaceProcess solo = lab.tcpFlow(TCP_SECONDS);
            solo.waitFor(Duration.ofSeconds(TCP_SECONDS + 30));
            soloPing.close();
            List<WanReadings.Interval> soloIntervals = WanReadings.intervals(solo.lines());
            double soloKbit = WanReadings.meanKbit(soloIntervals, 1.0);
            report.add(String.format("TCP (%s) alone (iperf3 -R, 1 s on): %.0f kbit/s = %.3f of the link (line rate %.0f);"
                            + " first 1 s: %s", TCP, soloKbit, soloKbit * 1_000 / lab.rateBitsPerSecond, lineKbit,
                    firstSecond(soloIntervals)));
            List<Double> tcpTrips = WanReadings.millisBetween(WanReadings.pings(soloPing.lines()), soloStart + 1_000,
                    soloStart + TCP_SECONDS * 1_000L);
            report.add(String.format("(b) TCP (%s) alone, added delay from 1 s on, %d pings: p50 %.1f ms, p95 %.1f ms, max %.1f ms",
                    TCP, tcpTrips.size(), WanReadings.quantile(tcpTrips, 0.5) - idleMs,
                    WanReadings.quantile(tcpTrips, 0.95) - idleMs, tcpTrips.get(tcpTrips.size() - 1) - idleMs));

            for (String mode : List.of("background", "foreground")) {
                report.add("--- " + mode + " flow alone, " + MIB + " MiB");
                NamespaceProcess ping = lab.ping();
                NamespaceProcess fetcher = lab.fetcher(holder, content, mode, WARM_UP_PIECES);
                fetcher.awaitLine(Pattern.compile("^start "), Duration.ofSeconds(120));
                long sentBefore = lab.bottleneckBytes();
                assertThat(fetcher.waitFor(TRANSFER_LIMIT)).isZero();
                long sent = lab.bottleneckBytes() - sentBefore;
                ping.close();
                WanReadings.Fetch fetch = WanReadings.fetch(fetcher.lines());
                assertThat(fetch.complete() && fetch.intact()).as("%s transfer complete and intact", mode).isTrue();
                List<Double> trips = WanReadings.millisBetween(WanReadings.pings(ping.lines()), fetch.start(), fetch.end());
                report.add(String.format("(a) %.2f s; goodput %.3f of the link, link use (tbf bytes) %.3f; blocks asked again %d",
                        fetch.seconds(), content.size() / fetch.seconds() / linkBytesPerSecond,
                        sent / fetch.seconds() / linkBytesPerSecond, fetch.rerequested()));
                report.add(String.format("(b) added delay (ping − idle p50), %d pings: p50 %.1f ms, p95 %.1f ms, max %.1f ms",
                        trips.size(), WanReadings.quantile(trips, 0.5) - idleMs, WanReadings.quantile(trips, 0.95) - idleMs,
                        trips.get(trips.size() - 1) - idleMs));
            }

            for (String mode : List.of("background", "foreground")) {
                report.add("--- " + mode + " flow, TCP from " + TCP_AFTER_SECONDS + " s for " + TCP_SECONDS + " s");
                NamespaceProcess fetcher = lab.fetcher(holder, content, mode, WARM_UP_PIECES);
                fetcher.awaitLine(Pattern.compile("^start "), Duration.ofSeconds(120));
                Thread.sleep(TCP_AFTER_SECONDS * 1_000L);
                long tcpStart = System.currentTimeMillis();
                NamespaceProcess tcp = lab.tcpFlow(TCP_SECONDS);
                tcp.waitFor(Duration.ofSeconds(TCP_SECONDS + 30));
                long tcpEnd = tcpStart + TCP_SECONDS * 1_000L;
                assertThat(fetcher.waitFor(TRANSFER_LIMIT)).isZero();
                WanReadings.Fetch fetch = WanReadings.fetch(fetcher.lines());
                assertThat(fetch.complete() && fetch.intact()).as("%s transfer complete and intact", mode).isTrue();
                List<WanReadings.Interval> intervals = WanReadings.intervals(tcp.lines());
                report.add(String.format("(c) TCP reaches 90 %% of solo after %s, 90 %% of TCP's line rate after %s;"
                                + " mean from 1 s %.3f of solo; first 1 s: %s",
                        reaches(intervals, 0.9 * soloKbit), reaches(intervals, 0.9 * lineKbit),
                        WanReadings.meanKbit(intervals, 1.0) / soloKbit, firstSecond(intervals)));
                report.add(String.format("    the %s flow meanwhile (1 s on): %.3f of the link; before: %.3f; after (1 s on): %.3f;"
                                + " WAN busy reported at %s s; %.2f s in all",
                        mode, share(fetch, tcpStart + 1_000, tcpEnd, linkBytesPerSecond),
                        share(fetch, fetch.start() + 1_000, tcpStart, linkBytesPerSecond),
                        share(fetch, tcpEnd + 1_000, fetch.end(), linkBytesPerSecond),
                        fetch.busySince().stream().map(t -> String.format("%.1f", (t - tcpStart) / 1e3)).toList(),
                        fetch.seconds()));
            }
            server.close();
        }
        System.out.println("Background transfer benchmark, bottleneck tbf rate " + RATE + " burst 32kbit latency 400ms:");
        report.forEach(System.out::println);
    }

    /** The share of the link the fetch's pieces took between {@code from} and {@code to}. */
    private static double share(WanReadings.Fetch fetch, long from, long to, double linkBytesPerSecond) {
        if (to <= from) {
            return Double.NaN;
        }
        return fetch.piecesBetween(from, to) * (double) PIECE / ((to - from) / 1e3) / linkBytesPerSecond;
    }

    private static String reaches(List<WanReadings.Interval> intervals, double kbit) {
        return intervals.stream().filter(i -> i.kbitPerSecond() >= kbit).findFirst()
                .map(i -> String.format("%.1f s (the interval ending then)", i.to())).orElse("never");
    }

    private static String firstSecond(List<WanReadings.Interval> intervals) {
        return intervals.stream().filter(i -> i.from() < 1.0 - 1e-9).map(i -> String.format("%.0f", i.kbitPerSecond()))
                .toList() + " kbit/s";
    }
}
