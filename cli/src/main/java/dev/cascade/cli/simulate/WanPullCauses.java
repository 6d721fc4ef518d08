package dev.cascade.cli.simulate;

import java.util.Map;

import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.SourceProtocol;
import dev.cascade.topology.planner.Plan;
import dev.cascade.topology.planner.Source;

/**
 * Why a link may carry more than one copy, noted as plans are made: a plan that sends a device past offices further up
 * (they had no holder and no RVP), or a second device of one office planned to pull over the WAN. A device counts as
 * pulling from its plan on (its DOWNLOADING report follows within the plan latency) to the end of its round.
 */
final class WanPullCauses {

    private final Map<String, FleetDevice> byId;

    WanPullCauses(Map<String, FleetDevice> byId) {
        this.byId = byId;
    }

    void note(FleetDevice device, Plan plan) {
        int level = Integer.MAX_VALUE;
        for (Source source : plan.sources()) {
            if (source.protocol() == SourceProtocol.SOURCE_PROTOCOL_BACKGROUND) {
                level = Math.min(level, device.office.chainOffices.indexOf(byId.get(source.deviceId()).office));
            } else if (source.isOrigin()) {
                level = Math.min(level, device.office.depth());
            }
        }
        if (level == Integer.MAX_VALUE || plan.action() != PlanAction.PLAN_ACTION_FETCH) {
            return;
        }
        for (int i = 1; i < level; i++) {
            FleetOffice skipped = device.office.chainOffices.get(i);
            skipped.skippedBy++;
            if (!skipped.anyTask()) {
                skipped.skippedBeforeAnyTask++;
            }
        }
        if (!device.office.vpn() && !device.pullsOverWan) {
            for (FleetDevice other : device.office.devices) {
                if (other != device && other.pullsOverWan) {
                    device.office.extraPullers++;
                    if (!other.view.engaged()) {
                        device.office.extraPullersUnreported++;
                    }
                    break;
                }
            }
        }
        device.pullsOverWan = true;
    }
}
