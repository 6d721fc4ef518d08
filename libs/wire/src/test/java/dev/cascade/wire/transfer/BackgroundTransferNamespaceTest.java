package dev.cascade.wire.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.cascade.testkit.netns.NamespaceProcess;

/**
 * The background protocol through a real bottleneck ({@link WanLab}: {@code tbf rate 20mbit burst 32kbit latency
 * 400ms}, as root): a background transfer and, side by side, a foreground one, each with a TCP flow (iperf3) started
 * during it. The background transfer gives the link up to TCP — its window is held at the minimum, the fetch reports
 * the WAN busy, it moves a small fraction of the link — resumes when TCP stops, and completes with every byte right;
 * the foreground transfer never reports the WAN busy. Bounds are generous: behaviour, not the benchmark's timing
 * targets ({@link BackgroundTransferBenchmark} measures those).
 */
@Timeout(600)
class BackgroundTransferNamespaceTest {

    private static final int PIECE = 64 * 1024;
    private static final WanLab.ContentSpec CONTENT = new WanLab.ContentSpec(21, 16 * 1024 * 1024, PIECE);
    private static final int TCP_AFTER_MILLIS = 2_500;
    private static final int TCP_SECONDS = 5;

    @Test
    void aBackgroundTransferYieldsTheWanToTcpThenResumesWhileAForegroundOneNeverReportsItBusy() throws Exception {
        Optional<String> reason = WanLab.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        try (WanLab lab = WanLab.open("want", "20mbit", "cubic")) {
            WanLab.Holder holder = lab.holder(CONTENT);
            NamespaceProcess iperfServer = lab.iperfServer();
            double link = lab.rateBitsPerSecond / 8.0;

            Run background = run(lab, holder, "background");
            assertThat(background.fetch.complete() && background.fetch.intact())
                    .as("background transfer complete, every byte right").isTrue();
            assertThat(background.fetch.reportedBusyBetween(background.tcpStart, background.tcpEnd))
                    .as("the background fetch reported the WAN busy while TCP ran").isTrue();
            assertThat(background.fetch.busyUntil().stream().anyMatch(t -> t >= background.tcpEnd))
                    .as("and no longer busy once TCP stopped").isTrue();
            double before = background.shareBefore(link);
            double during = background.shareDuring(link);
            assertThat(during).as("share of the link the background transfer kept while TCP ran (%.3f before)", before)
                    .isLessThan(0.1).isLessThan(before / 4);

            Run foreground = run(lab, holder, "foreground");
            assertThat(foreground.fetch.complete() && foreground.fetch.intact())
                    .as("foreground transfer complete, every byte right").isTrue();
            assertThat(foreground.fetch.busySince()).as("a foreground fetch never says the WAN is busy").isEmpty();
            // printed, not asserted: the foreground's share against TCP depends on its retransmission timeouts, which a
            // loaded machine's pauses trigger (docs/benchmarks.md)
            System.out.printf("share of the link before / while TCP ran: background %.3f / %.3f, foreground %.3f / %.3f%n",
                    before, during, foreground.shareBefore(link), foreground.shareDuring(link));
            iperfServer.close();
        }
    }

    /** A fetch with a TCP flow from {@link #TCP_AFTER_MILLIS} into it for {@link #TCP_SECONDS}. */
    private static Run run(WanLab lab, WanLab.Holder holder, String mode) throws InterruptedException {
        NamespaceProcess fetcher = lab.fetcher(holder, CONTENT, mode, 16);
        fetcher.awaitLine(Pattern.compile("^start "), Duration.ofSeconds(120));
        Thread.sleep(TCP_AFTER_MILLIS);
        long tcpStart = System.currentTimeMillis();
        NamespaceProcess tcp = lab.tcpFlow(TCP_SECONDS);
        assertThat(tcp.waitFor(Duration.ofSeconds(TCP_SECONDS + 30))).as("iperf3 exit code: %s", tcp.output()).isZero();
        long tcpEnd = System.currentTimeMillis();
        assertThat(fetcher.waitFor(Duration.ofMinutes(4))).as("fetcher exit code: %s", fetcher.output()).isZero();
        return new Run(WanReadings.fetch(fetcher.lines()), tcpStart, tcpEnd);
    }

    /** One fetch and when its competing TCP flow ran. */
    private record Run(WanReadings.Fetch fetch, long tcpStart, long tcpEnd) {

        /** The share of the link the fetch's pieces took from 1 s after TCP started until TCP or the fetch ended. */
        double shareDuring(double linkBytesPerSecond) {
            return share(tcpStart + 1_000, Math.min(tcpEnd, fetch.end()), linkBytesPerSecond);
        }

        /** The share of the link the fetch's pieces took from 1 s after it started until TCP started. */
        double shareBefore(double linkBytesPerSecond) {
            return share(fetch.start() + 1_000, tcpStart, linkBytesPerSecond);
        }

        private double share(long from, long to, double linkBytesPerSecond) {
            assertThat(to - from).as("a measuring window of at least a second").isGreaterThanOrEqualTo(1_000);
            return fetch.piecesBetween(from, to) * (double) PIECE / ((to - from) / 1e3) / linkBytesPerSecond;
        }
    }
}
