package dev.cascade.topology.grpc;

import dev.cascade.contracts.v1.PlannedSource;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.topology.planner.Plan;
import dev.cascade.topology.planner.Source;

/** The planner's {@link Plan} as the {@code SourcePlan} message: the gRPC answer and the SOURCE_PLAN datagram's payload. */
public final class PlanMessages {

    private PlanMessages() {
    }

    public static SourcePlan toProto(Plan plan) {
        SourcePlan.Builder proto = SourcePlan.newBuilder().setDeviceId(plan.deviceId()).setContentId(plan.contentId())
                .setOfficeId(plan.officeId()).setOfficeType(plan.officeKind().toProto()).setAction(plan.action()).setExplanation(plan.explanation())
                .setRetryAfterMs(plan.retryAfterMs()).setRvp(plan.rvp()).setTopologyRevision(plan.topologyRevision());
        for (Source source : plan.sources()) {
            proto.addSources(PlannedSource.newBuilder().setDeviceId(source.deviceId()).setIpAddress(source.ipAddress())
                    .setPort(source.port()).setProtocol(source.protocol()).setSourceClass(source.sourceClass())
                    .setOfficeId(source.officeId() == null ? "" : source.officeId()).setOriginUrl(source.originUrl())
                    .setReason(source.reason()));
        }
        return proto.build();
    }
}
