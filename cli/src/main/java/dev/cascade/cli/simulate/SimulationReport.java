package dev.cascade.cli.simulate;

import java.util.List;

/**
 * What {@code cascade simulate} found: WAN bytes against the limit and against naive distribution, completion times, and
 * the control plane's load. Equal settings give an equal report (no wall-clock value is in it).
 */
public record SimulationReport(Scenario scenario, Wan wan, Completion completion, ControlPlane controlPlane, Work work) {

    /** The generated fleet. */
    public record Scenario(int devices, int seeds, int offices, int regions, int branches, int wifiOffices, int vpnOffices,
            int vpnDevices, long packageBytes, long pieceBytes, int pieces, String wanMbps, String vpnMbps, double lanMbps,
            double wifiMbps, int uploadSlots, int fetchParallel, double noticeSpreadSeconds, double planLatencySeconds,
            long randomSeed) {
    }

    /**
     * @param limitBytes       the package once per WAN link fed: each office link with a device at or below it, and each
     *                         VPN device's own link
     * @param naiveBytes       the package once per device, as if each fetched from the central office
     * @param linksOverOneCopy the links that carried more than one copy, most copies first
     */
    public record Wan(double bytes, double limitBytes, int officeLinksFed, int vpnDeviceLinks, double naiveBytes,
            double ratioToLimit, double ratioToNaive, int wanLinks, List<LinkExcess> linksOverOneCopy) {
    }

    /**
     * One link over one copy, and why.
     *
     * @param ownCopies     copies for devices of the office itself
     * @param pullers       devices of the office that pulled over the link
     * @param transitCopies copies that crossed it to offices further down
     * @param skippedBy     plans that sent a device of an office below past this office (no holder, no RVP here)
     * @param skippedBeforeAnyTask of those, made while no device of this office had the deployment yet
     * @param extraPullers  devices planned to pull over the WAN while another device of the office already did
     * @param extraPullersUnreported of those, while the other's DOWNLOADING report was not applied yet
     */
    public record LinkExcess(String link, String role, double mbps, double copies, double ownCopies, int pullers,
            double transitCopies, int skippedBy, int skippedBeforeAnyTask, int extraPullers, int extraPullersUnreported,
            String why) {
    }

    /** Seconds from the deployment's creation to each device holding every piece. */
    public record Completion(Stats all, List<RoleStats> byRole, List<Bucket> histogram, List<OfficeResult> offices) {
    }

    public record Stats(int devices, double p50, double p90, double p99, double max) {
    }

    public record RoleStats(String role, int offices, Stats stats) {
    }

    public record Bucket(double fromSeconds, double toSeconds, int devices) {
    }

    /**
     * One office: its link, when its first device held the package (its RVP, in a sharing office: the WAN's part) and
     * when its last did (which the devices' retry timers decide as much as the links).
     */
    public record OfficeResult(String office, String role, String parent, int devices, double wanMbps, double wanCopies,
            double firstCompletionSeconds, double lastCompletionSeconds) {
    }

    /**
     * The control plane over the window (the deployment's creation to the last completion, in whole seconds).
     *
     * @param getPlanningState metadata-service's gRPC calls from topology-service (two per plan)
     */
    public record ControlPlane(long windowSeconds, Rate gatewayDatagramsIn, Rate gatewayDatagramsOut, List<MessageRate> messages,
            List<TopicRate> kafkaTopics, List<ServiceRate> consumingServices, Rate plannerCalls, Rate getPlanningState) {
    }

    /** @param peakPerSecond the busiest simulated second */
    public record Rate(long total, double meanPerSecond, long peakPerSecond) {
    }

    public record MessageRate(String message, String direction, Rate rate) {
    }

    public record TopicRate(String topic, List<String> consumers, Rate records) {
    }

    public record ServiceRate(String service, Rate recordsConsumed) {
    }

    /** What the model did: events, transfers, planner calls. */
    public record Work(long events, long transfers, long plannerCalls) {
    }
}
