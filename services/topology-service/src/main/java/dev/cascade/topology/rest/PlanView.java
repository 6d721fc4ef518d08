package dev.cascade.topology.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.cascade.topology.planner.Plan;
import dev.cascade.topology.planner.Source;

/**
 * A source plan as an admin reads it ("why did this go back to the source?").
 *
 * @param action        FETCH, WAIT or BLOCKED
 * @param retryAfterMs  when the peer asks again (WAIT, BLOCKED)
 * @param rvp           the device is its office's RVP for the content: it brings it in over the WAN
 * @param originUse     NONE, DIRECT_CDN (the office allows direct CDN download) or FALLBACK (the hierarchy lacks the content)
 */
@Schema(description = "Where a device gets a content, in order, and why")
public record PlanView(String deviceId, String contentId, String officeId,
        @Schema(description = "STANDARD, VPN (its peers do not serve others) or WIFI (its peers do not broadcast)") String officeType,
        @Schema(description = "FETCH from the sources in order; WAIT for the office's RVP; BLOCKED (metered office, proxy window, nowhere to fetch from)")
        String action,
        @Schema(description = "Why these sources and why not the origin")
        String explanation,
        long retryAfterMs, boolean rvp, String originUse, long topologyRevision, List<SourceView> sources) {

    /**
     * One source.
     *
     * @param protocol    FOREGROUND (LAN), BACKGROUND (WAN) or ORIGIN_HTTP
     * @param sourceClass SAME_OFFICE_PEER, PARENT_OFFICE_PEER, SEED or ORIGIN
     */
    public record SourceView(String deviceId, String hostname, String ipAddress, int port, String protocol, String sourceClass,
            String officeId, String originUrl, String reason) {

        static SourceView of(Source source) {
            return new SourceView(source.deviceId(), source.hostname(), source.ipAddress(), source.port(),
                    source.protocol().name().replace("SOURCE_PROTOCOL_", ""), source.sourceClass().name().replace("SOURCE_CLASS_", ""),
                    source.officeId(), source.originUrl(), source.reason());
        }
    }

    static PlanView of(Plan plan) {
        return new PlanView(plan.deviceId(), plan.contentId(), plan.officeId(), plan.officeKind().name(), plan.action().name().replace("PLAN_ACTION_", ""),
                plan.explanation(), plan.retryAfterMs(), plan.rvp(), plan.originUse().name(), plan.topologyRevision(),
                plan.sources().stream().map(SourceView::of).toList());
    }
}
