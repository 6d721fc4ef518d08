package dev.cascade.cli.simulate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.topology.planner.ContentInfo;
import dev.cascade.topology.planner.DeploymentInfo;
import dev.cascade.topology.planner.Plan;
import dev.cascade.topology.planner.PlanQuery;
import dev.cascade.topology.planner.PlannerSettings;
import dev.cascade.topology.planner.PlanningFacts;
import dev.cascade.topology.planner.ProxyOptions;
import dev.cascade.topology.planner.SourcePlanner;

/**
 * topology-service's own {@link SourcePlanner} on the facts metadata-service would hand it: the requester as its last
 * report left it (asking: active, PENDING at least), and every device of its office and of the offices above it as
 * candidates, each as its last INVENTORY_REPORT says (a device the deployment has not reached yet holds nothing and has
 * no task). The planner's defaults (operations.md), with the seed listed as the content library.
 */
final class FleetPlanner {

    static final String CONTENT_ID = "sim-package";
    private static final String DEPLOYMENT_ID = "00000000-0000-4000-8000-00000000d001";
    /** Deployments start at this instant of the planner's clock; simulated seconds count from it. */
    static final Instant EPOCH = Instant.parse("2026-01-05T08:00:00Z");

    private final SourcePlanner planner;
    private final ContentInfo content;
    private final DeploymentInfo deployment;
    private long calls;

    FleetPlanner(FleetSettings settings, String seedId) {
        this.planner = new SourcePlanner(PlannerSettings.defaults().withSeeds(Set.of(seedId)));
        this.content = new ContentInfo(CONTENT_ID, "simulated package", settings.packageBytes(), (int) settings.pieceBytes(),
                "https://cdn.example.com/" + CONTENT_ID);
        this.deployment = new DeploymentInfo(DEPLOYMENT_ID, CONTENT_ID, DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER, false,
                ProxyOptions.NONE, EPOCH);
    }

    ContentInfo content() {
        return content;
    }

    Duration waitRetry() {
        return planner.settings().waitRetry();
    }

    long calls() {
        return calls;
    }

    /** The plan for {@code device} now, as topology-service would answer its PLAN_REQUEST. */
    Plan plan(FleetDevice device, double now) {
        calls++;
        int size = 0;
        for (FleetOffice office : device.office.chainOffices) {
            size += office.devices.size();
        }
        List<dev.cascade.topology.planner.PeerState> candidates = new ArrayList<>(size);
        for (FleetOffice office : device.office.chainOffices) {
            for (FleetDevice peer : office.devices) {
                if (peer != device) {
                    candidates.add(peer.view);
                }
            }
        }
        PlanningFacts facts = new PlanningFacts(device.view, content, deployment, candidates);
        return planner.plan(new PlanQuery(device.id, CONTENT_ID, Set.of()), facts, device.office.chain,
                EPOCH.plusNanos((long) (now * 1e9)));
    }
}
