package dev.cascade.wire.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.cascade.testkit.netns.NamespaceProcess;

/**
 * A WAN path narrower than the two LANs ({@link WanLab} with the router's link to the sub-office at a 1 280-byte MTU
 * and its ICMP answers to the holder dropped, as root): the requester sizes BLOCKs from its own 1 500-byte interface,
 * every one of them vanishes at the router, and the background transfer still completes, at 1 200-byte datagrams
 * (docs/protocol.md §17.3), instead of giving the holder up as unreachable.
 */
@Timeout(300)
class NarrowPathNamespaceTest {

    private static final WanLab.ContentSpec CONTENT = new WanLab.ContentSpec(33, 2 * 1024 * 1024, 256 * 1024);

    @Test
    void aBackgroundTransferCrossesATunnelThatSwallowsFullSizeDatagramsAtTheSafeSize() throws Exception {
        Optional<String> reason = WanLab.unavailableReason();
        assumeTrue(reason.isEmpty(), () -> "skipped: " + reason.orElse(""));
        try (WanLab lab = WanLab.open("mtu", "20mbit", "cubic")) {
            lab.narrowPathWithoutIcmp(1280);
            WanLab.Holder holder = lab.holder(CONTENT);

            NamespaceProcess fetcher = lab.fetcher(holder, CONTENT, "background", 0);
            assertThat(fetcher.waitFor(Duration.ofMinutes(3))).as("fetcher exit code: %s", fetcher.output()).isZero();

            WanReadings.Fetch fetch = WanReadings.fetch(fetcher.lines());
            assertThat(fetch.complete() && fetch.intact()).as("complete, every byte right: %s", fetcher.output()).isTrue();
            assertThat(fetcher.lines()).as("the holder stayed a source, at the smaller size")
                    .contains("source OK: no block came in 1472-byte datagrams, so 1200-byte ones were asked for: the path"
                            + " to it carries less than this network's MTU");
        }
    }
}
