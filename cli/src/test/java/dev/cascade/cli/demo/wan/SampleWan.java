package dev.cascade.cli.demo.wan;

import java.time.Duration;
import java.util.List;

/**
 * The demo's kind of office tree on loopback addresses: HQ with two branches, a Wi-Fi sub-office under Branch-A, and
 * a VPN office whose devices each have their own link.
 */
final class SampleWan {

    static final String HQ_RANGE = "127.0.1.0/24";
    static final String BRANCH_A_RANGE = "127.0.2.0/24";
    static final String WIFI_RANGE = "127.0.3.0/24";
    static final String BRANCH_B_RANGE = "127.0.4.0/24";
    static final String VPN_RANGE = "127.0.5.0/24";

    private SampleWan() {
    }

    /** Every link of {@code shape} both ways. */
    static List<WanOffice> offices(LinkShape shape) {
        return List.of(
                WanOffice.central("HQ", HQ_RANGE),
                WanOffice.branch("Branch-A", "HQ", shape, shape, BRANCH_A_RANGE),
                WanOffice.branch("Branch-A-WiFi", "Branch-A", shape, shape, WIFI_RANGE),
                WanOffice.branch("Branch-B", "HQ", shape, shape, BRANCH_B_RANGE),
                WanOffice.perDevice("VPN", "HQ", shape, shape, VPN_RANGE));
    }

    static LinkShape mbit(double rate, int queueMillis, int propagationMillis) {
        return LinkShape.megabits(rate, Duration.ofMillis(queueMillis), Duration.ofMillis(propagationMillis));
    }
}
