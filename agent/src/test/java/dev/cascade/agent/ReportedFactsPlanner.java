package dev.cascade.agent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * metadata-service would hand it, taken from what the agents told the stand-in server: each agent is a registered,
 * active desktop of one office; its state and pieces for the content are those of its latest INVENTORY_REPORT (PENDING
 * with none before its first, as for a peer the deployment targets). The offices form a hierarchy (the central office
 * with the seed on top); a requester's candidates are the devices of its office and of the offices above it, and its
 * {@link OfficeChain} runs from its office up to the central one, as topology-service reads it from the snapshot. So
 * the namespace tests exercise the real rules: the seed's one copy through an RVP, copying as pieces arrive,
 * avoidance, and a sub-office's RVP pulling over the WAN (background protocol) while its office waits for it.
 */
final class ReportedFactsPlanner implements PlanningServer.Planner {

    /** The central office of a one-office lab. */
    static final OfficeNode CENTRAL = new OfficeNode("hq", "HQ", OfficeKind.STANDARD, true, false, false, List.of());

    /**
     * One office of the planned hierarchy.
     *
     * @param parent  the office above it; null for the central office
     * @param devices its agents (a seed among them in the central office)
     */
    record PlannedOffice(OfficeNode node, PlannedOffice parent, List<LanAgent> devices) {

        PlannedOffice {
            if ((parent == null) != node.central()) {
                throw new IllegalArgumentException("office " + node.id() + ": only the central office has no parent");
            }
            devices = List.copyOf(devices);
        }

        /** This office, then its parent, up to the central office. */
        OfficeChain chain() {
            List<OfficeNode> nodes = new ArrayList<>();
            for (PlannedOffice office = this; office != null; office = office.parent) {
                nodes.add(office.node);
            }
            return new OfficeChain(nodes, 1);
        }
    }

    private final PlanningServer server;
    private final GeneratedContent content;
    private final List<PlannedOffice> offices;
    private final Map<UUID, PlannedOffice> officeOf = new HashMap<>();
    private final List<PeerState> others;
    private final SourcePlanner planner;

    /**
     * One office, the central one.
     *
     * @param others further candidates of the office as metadata-service would list them (e.g. a corrupting holder)
     */
    ReportedFactsPlanner(PlanningServer server, GeneratedContent content, LanAgent seed, List<LanAgent> agents,
                         List<PeerState> others) {
        this(server, content, seed, List.of(new PlannedOffice(CENTRAL, null, concat(seed, agents))), others,
                Duration.ofSeconds(30));
    }

    /**
     * A hierarchy of offices.
     *
     * @param seed      the seed peer, a device of the central office
     * @param offices   every office, each with its devices
     * @param waitRetry when a waiting device asks again (the planner's {@code wait-retry})
     */
    ReportedFactsPlanner(PlanningServer server, GeneratedContent content, LanAgent seed, List<PlannedOffice> offices,
                         List<PeerState> others, Duration waitRetry) {
        this.server = server;
        this.content = content;
        this.offices = List.copyOf(offices);
        for (PlannedOffice office : offices) {
            office.devices().forEach(device -> officeOf.put(device.id, office));
        }
        if (officeOf.get(seed.id) == null || !officeOf.get(seed.id).node().central()) {
            throw new IllegalArgumentException("the seed " + seed.name + " must be a device of the central office");
        }
        this.others = List.copyOf(others);
        this.planner = new SourcePlanner(new PlannerSettings(PlannerSettings.GIB, Set.of(seed.id.toString()), 16,
                waitRetry, Duration.ofMinutes(5), Duration.ofMinutes(1), 24, 64, LanAgent.CONTENT_PORT,
                LanAgent.BACKGROUND_PORT));
    }

    @Override
    public SourcePlan plan(UUID device, PlanRequest request, int nth) {
        PlannedOffice home = officeOf.get(device);
        if (!request.getContentId().equals(content.id()) || home == null) {
            return null;
        }
        OfficeChain chain = home.chain();
        Set<String> inChain = chain.offices().stream().map(OfficeNode::id).collect(Collectors.toSet());
        PeerState requester = null;
        List<PeerState> candidates = new ArrayList<>(others.stream().filter(p -> inChain.contains(p.officeId())).toList());
        for (PlannedOffice office : offices) {
            if (!inChain.contains(office.node().id())) {
                continue; // metadata-service lists the requester's office and its ancestors only
            }
            for (LanAgent agent : office.devices()) {
                PeerState peer = state(agent, office.node());
                if (agent.id.equals(device)) {
                    requester = peer;
                } else {
                    candidates.add(peer);
                }
            }
        }
        PlanningFacts facts = new PlanningFacts(requester, new ContentInfo(content.id(), content.id(), content.size(),
                content.pieceSize(), ""), new DeploymentInfo(content.notice().getDeploymentId(), content.id(),
                DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER, false, ProxyOptions.NONE), candidates);
        PlanQuery query = new PlanQuery(device.toString(), content.id(), request.getAvoidDeviceIdsList().stream()
                .collect(Collectors.toSet()));
        return PlanMessages.toProto(planner.plan(query, facts, chain, Instant.now()));
    }

    /** {@code agent} of {@code office} as metadata-service would know it from its reports. */
    private PeerState state(LanAgent agent, OfficeNode office) {
        Optional<ContentHolding> holding = server.inventories().stream()
                .filter(r -> r.device().equals(agent.id))
                .map(PlanningServer.Report::report)
                .max(Comparator.comparingLong(InventoryReport::getReportSequence))
                .flatMap(r -> r.getHoldingsList().stream().filter(h -> h.getContentId().equals(content.id())).findFirst());
        ContentState state = holding.map(ContentHolding::getState).orElse(ContentState.CONTENT_STATE_PENDING);
        int pieces = holding.map(h -> bitCount(h.getPieces().toByteArray())).orElse(0);
        return new PeerState(agent.id.toString(), agent.name, agent.ip(), office.id(), DeviceClass.DEVICE_CLASS_DESKTOP,
                OsType.OS_TYPE_WORKSTATION, 100 * PlannerSettings.GIB, 200 * PlannerSettings.GIB, 0, false, true, state,
                pieces);
    }

    private static List<LanAgent> concat(LanAgent first, List<LanAgent> rest) {
        List<LanAgent> all = new ArrayList<>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /** A holder that is not one of the lab's agents, holding every piece (CACHED): listed by the planner as a device. */
    static PeerState cachedHolder(UUID id, String name, String ip, GeneratedContent content) {
        return new PeerState(id.toString(), name, ip, CENTRAL.id(), DeviceClass.DEVICE_CLASS_DESKTOP, OsType.OS_TYPE_SERVER,
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
