package dev.cascade.topology.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.cascade.contracts.v1.OfficeType;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.topology.model.OfficeKind;
import dev.cascade.topology.planner.Plan;

/** SOURCE_PLAN tells the peer its office's type: what it may do with its neighbours (serve, broadcast). */
class PlanMessagesTest {

    @ParameterizedTest
    @EnumSource(OfficeKind.class)
    void theOfficeTypeTravelsWithThePlan(OfficeKind kind) {
        Plan plan = new Plan("d-1", "app-1", "branch-7", kind, PlanAction.PLAN_ACTION_WAIT, List.of(), "waiting for the RVP",
                30_000, false, 12, Plan.OriginUse.NONE);

        SourcePlan message = PlanMessages.toProto(plan);

        assertThat(message.getOfficeType()).isEqualTo(switch (kind) {
            case STANDARD -> OfficeType.OFFICE_TYPE_STANDARD;
            case VPN -> OfficeType.OFFICE_TYPE_VPN;
            case WIFI -> OfficeType.OFFICE_TYPE_WIFI;
        });
        assertThat(message.getOfficeId()).isEqualTo("branch-7");
        assertThat(message.getRetryAfterMs()).isEqualTo(30_000);
    }
}
