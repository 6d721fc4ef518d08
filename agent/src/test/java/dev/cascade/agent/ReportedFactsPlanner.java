package dev.cascade.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.cascade.contracts.v1.ContentHolding;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.topology.grpc.PlanMessages;
import dev.cascade.topology.model.OfficeKind;
import dev.cascade.topology.planner.ContentInfo;
import dev.cascade.topology.planner.DeploymentInfo;
import dev.cascade.topology.planner.OfficeChain;
import dev.cascade.topology.planner.OfficeNode;
import dev.cascade.topology.planner.PeerState;
import dev.cascade.topology.planner.PlanQuery;
import dev.cascade.topology.planner.PlannerSettings;
import dev.cascade.topology.planner.PlanningFacts;
import dev.cascade.topology.planner.ProxyOptions;
import dev.cascade.topology.planner.SourcePlanner;

/**
 * Plans with topology-service's own {@link SourcePlanner} (the plain-Java domain the service runs), on the facts
 * metadata-service would hand it, taken from what the agents told the stand-in server: each agent of the one office
 * (the central office, with the seed) is a registered, active desktop; its state and pieces for the content are those
 * of its latest INVENTORY_REPORT (PENDING with none before its first, as for a peer the deployment targets). So the
 * namespace tests exercise the real rules: the seed's one copy through an RVP, copying as pieces arrive, avoidance.
 */
final class ReportedFactsPlanner implements PlanningServer.Planner {

    private static final OfficeNode OFFICE = new OfficeNode("hq", "HQ", OfficeKind.STANDARD, true, false, false, List.of());

    private final PlanningServer server;
    private final GeneratedContent content;
    private final List<LanAgent> devices;
    private final List<PeerState> others;
    private final SourcePlanner planner;

    /**
     * @param devices the seed first, then the agents
     * @param others  further candidates as metadata-service would list them (e.g. a corrupting holder)
     */
    ReportedFactsPlanner(PlanningServer server, GeneratedContent content, LanAgent seed, List<LanAgent> agents,
                         List<PeerState> others) {
        this.server = server;
        this.content = content;
        this.devices = new ArrayList<>();
        this.devices.add(seed);
        this.devices.addAll(agents);
        this.others = List.copyOf(others);
        this.planner = new SourcePlanner(new PlannerSettings(PlannerSettings.GIB, Set.of(seed.id.toString()), 16,
                Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(1), 24, 64, LanAgent.CONTENT_PORT,
                LanAgent.BACKGROUND_PORT));
    }

    @Override
    public SourcePlan plan(UUID device, PlanRequest request, int nth) {
        if (!request.getContentId().equals(content.id())) {
            return null;
        }
        List<PeerState> everyone = new ArrayList<>(others);
        PeerState requester = null;
        for (LanAgent agent : devices) {
            PeerState peer = state(agent);
            everyone.add(peer);
            if (agent.id.equals(device)) {
                requester = peer;
            }
        }
        PeerState asking = requester;
        List<PeerState> candidates = everyone.stream().filter(p -> asking == null || !p.deviceId().equals(asking.deviceId()))
                .toList();
        PlanningFacts facts = new PlanningFacts(requester, new ContentInfo(content.id(), content.id(), content.size(),
                content.pieceSize(), ""), new DeploymentInfo(content.notice().getDeploymentId(), content.id(),
                DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER, false, ProxyOptions.NONE), candidates);
        PlanQuery query = new PlanQuery(device.toString(), content.id(), request.getAvoidDeviceIdsList().stream()
                .collect(Collectors.toSet()));
        return PlanMessages.toProto(planner.plan(query, facts, new OfficeChain(List.of(OFFICE), 1), Instant.now()));
    }

    /** {@code agent} as metadata-service would know it from its reports. */
    private PeerState state(LanAgent agent) {
        Optional<ContentHolding> holding = server.inventories().stream()
                .filter(r -> r.device().equals(agent.id))
                .map(PlanningServer.Report::report)
                .max(Comparator.comparingLong(InventoryReport::getReportSequence))
                .flatMap(r -> r.getHoldingsList().stream().filter(h -> h.getContentId().equals(content.id())).findFirst());
        ContentState state = holding.map(ContentHolding::getState).orElse(ContentState.CONTENT_STATE_PENDING);
        int pieces = holding.map(h -> bitCount(h.getPieces().toByteArray())).orElse(0);
        return new PeerState(agent.id.toString(), agent.name, agent.ip(), OFFICE.id(), DeviceClass.DEVICE_CLASS_DESKTOP,
                OsType.OS_TYPE_WORKSTATION, 100 * PlannerSettings.GIB, 200 * PlannerSettings.GIB, 0, false, true, state,
                pieces);
    }

    /** A holder that is not one of the lab's agents, holding every piece (CACHED): listed by the planner as a device. */
    static PeerState cachedHolder(UUID id, String name, String ip, GeneratedContent content) {
        return new PeerState(id.toString(), name, ip, OFFICE.id(), DeviceClass.DEVICE_CLASS_DESKTOP, OsType.OS_TYPE_SERVER,
                100 * PlannerSettings.GIB, 200 * PlannerSettings.GIB, 0, false, true, ContentState.CONTENT_STATE_CACHED,
                content.pieceCount());
    }

    private static int bitCount(byte[] bits) {
        int count = 0;
        for (byte b : bits) {
            count += Integer.bitCount(b & 0xff);
        }
        return count;
    }
}
