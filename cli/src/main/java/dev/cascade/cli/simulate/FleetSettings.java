package dev.cascade.cli.simulate;

import java.time.Duration;

/**
 * Everything one simulation run depends on. Two runs with equal settings give equal reports.
 *
 * @param devices           agents besides the seed, placed in offices at random
 * @param offices           offices in all: the central one, the regions, the VPN offices, the branches and their Wi-Fi
 *                          sub-offices
 * @param regions           offices under the central one that hold branches
 * @param vpnOffices        VPN offices (their devices do not share; each has its own link)
 * @param wifiShare         the share of branches with a Wi-Fi sub-office (0 … 1)
 * @param packageBytes      the size of the deployed package
 * @param pieceBytes        the piece size (the model's granularity: one transfer moves one piece)
 * @param wanMbps           each office's link to its parent, drawn per office (both directions)
 * @param vpnMbps           each VPN device's own link, drawn per device
 * @param lanMbps           each wired device's LAN port (both directions)
 * @param wifiMbps          the air time of one Wi-Fi office, shared by every transfer to or from its devices
 * @param uploadSlots       transfers a device serves at once per content server (the agent's upload slots, foreground and background each)
 * @param fetchParallel     transfers a device receives at once (one per source)
 * @param noticeSpread      DEPLOYMENT_NOTICEs reach the devices evenly at random within this time
 * @param planLatency       from a PLAN_REQUEST to the device acting on its plan (the planner reads the facts at the
 *                          request; the device's DOWNLOADING or PENDING report is applied when it acts)
 * @param heartbeatInterval each agent's HEARTBEAT interval
 * @param registerInterval  each agent's re-registration interval
 * @param randomSeed        the seed of every random draw
 */
public record FleetSettings(int devices, int offices, int regions, int vpnOffices, double wifiShare, long packageBytes,
        long pieceBytes, MbpsRange wanMbps, MbpsRange vpnMbps, double lanMbps, double wifiMbps, int uploadSlots,
        int fetchParallel, Duration noticeSpread, Duration planLatency, Duration heartbeatInterval, Duration registerInterval,
        long randomSeed) {

    /** The most pieces the model follows per device (a bitmap of 64 longs). */
    public static final int MAX_PIECES = 4096;

    /**
     * @throws IllegalArgumentException naming the option (as {@code cascade simulate} spells it) and what was expected
     */
    public FleetSettings {
        atLeast("--peers", devices, 1);
        atLeast("--offices", offices, 1);
        atLeast("--regions", regions, 0);
        atLeast("--vpn-offices", vpnOffices, 0);
        if (1L + regions + vpnOffices > offices) {
            throw new IllegalArgumentException("--offices " + offices + " cannot hold the central office, --regions " + regions
                    + " and --vpn-offices " + vpnOffices + "; expected --offices of at least " + (1L + regions + vpnOffices));
        }
        if (!(wifiShare >= 0 && wifiShare <= 1)) {
            throw new IllegalArgumentException("--wifi-share must be between 0 and 1, got " + wifiShare);
        }
        atLeast("--package-size", packageBytes, 1);
        atLeast("--piece-size", pieceBytes, 1);
        if (pieceBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("--piece-size must be below 2 GiB, got " + pieceBytes + " bytes");
        }
        long pieces = (packageBytes + pieceBytes - 1) / pieceBytes;
        if (pieces > MAX_PIECES) {
            throw new IllegalArgumentException("--package-size " + packageBytes + " in --piece-size " + pieceBytes + " makes "
                    + pieces + " pieces; the model follows at most " + MAX_PIECES + " (choose larger pieces)");
        }
        positive("--lan-mbps", lanMbps);
        positive("--wifi-mbps", wifiMbps);
        atLeast("--upload-slots", uploadSlots, 1);
        atLeast("--fetch-parallel", fetchParallel, 1);
        notNegative("--notice-spread", noticeSpread);
        notNegative("--plan-latency", planLatency);
        if (heartbeatInterval.toMillis() < 1) {
            throw new IllegalArgumentException("--heartbeat-interval must be at least 1 ms, got " + heartbeatInterval);
        }
        if (registerInterval.toMillis() < 1) {
            throw new IllegalArgumentException("--register-interval must be at least 1 ms, got " + registerInterval);
        }
    }

    /** The defaults of {@code cascade simulate}: 100 000 devices in 1 000 offices, a 1 GiB package. */
    public static FleetSettings defaults() {
        return new FleetSettings(100_000, 1_000, 20, 10, 0.1, 1L << 30, 16L << 20, new MbpsRange(10, 100), new MbpsRange(5, 50),
                1000, 300, 4, 4, Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(60), Duration.ofMinutes(15), 1);
    }

    public int pieceCount() {
        return (int) ((packageBytes + pieceBytes - 1) / pieceBytes);
    }

    /** The bytes of piece {@code index} (the last may be shorter). */
    public long pieceLength(int index) {
        return Math.min(pieceBytes, packageBytes - index * pieceBytes);
    }

    private static void atLeast(String option, long value, long least) {
        if (value < least) {
            throw new IllegalArgumentException(option + " must be at least " + least + ", got " + value);
        }
    }

    private static void positive(String option, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(option + " must be a positive number of Mbit/s, got " + value);
        }
    }

    private static void notNegative(String option, Duration value) {
        if (value.isNegative()) {
            throw new IllegalArgumentException(option + " must not be negative, got " + value);
        }
    }
}
