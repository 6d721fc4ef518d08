package dev.cascade.topology.planner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.topology.model.OfficeKind;

/**
 * Builds planner inputs for tests: a three-level chain (Branch-7 under Region-North under HQ, the
 * central office), a 100-piece content with an origin, and peers with readable names as ids.
 */
final class Fixture {

    static final long GIB = 1L << 30;
    static final long MIB = 1L << 20;
    static final Instant NOW = Instant.parse("2030-01-15T10:00:00Z");
    static final String CONTENT = "content-firefox";
    static final String ORIGIN = "https://cdn.example.com/firefox-128.msi";

    static final OfficeNode HQ = office("hq", "HQ", OfficeKind.STANDARD, true);
    static final OfficeNode REGION = office("region", "Region-North", OfficeKind.STANDARD, false);
    static final OfficeNode BRANCH = office("branch", "Branch-7", OfficeKind.STANDARD, false);

    private Fixture() {
    }

    static OfficeNode office(String id, String name, OfficeKind kind, boolean central) {
        return new OfficeNode(id, name, kind, central, false, false, List.of());
    }

    static OfficeNode metered(OfficeNode office) {
        return new OfficeNode(office.id(), office.name(), office.kind(), office.central(), true, office.allowDirectCdn(),
                office.preferredRvps());
    }

    static OfficeNode directCdn(OfficeNode office) {
        return new OfficeNode(office.id(), office.name(), office.kind(), office.central(), office.metered(), true,
                office.preferredRvps());
    }

    static OfficeNode kind(OfficeNode office, OfficeKind kind) {
        return new OfficeNode(office.id(), office.name(), kind, office.central(), office.metered(), office.allowDirectCdn(),
                office.preferredRvps());
    }

    static OfficeNode preferring(OfficeNode office, String... rvps) {
        return new OfficeNode(office.id(), office.name(), office.kind(), office.central(), office.metered(), office.allowDirectCdn(),
                List.of(rvps));
    }

    static OfficeChain chain(OfficeNode... homeFirst) {
        return new OfficeChain(Arrays.asList(homeFirst), 42);
    }

    /** Branch-7, Region-North, HQ. */
    static OfficeChain branchChain() {
        return chain(BRANCH, REGION, HQ);
    }

    static ContentInfo content() {
        return new ContentInfo(CONTENT, "Firefox 128", 100 * MIB, (int) MIB, ORIGIN);
    }

    static ContentInfo contentWithoutOrigin() {
        return new ContentInfo(CONTENT, "Firefox 128", 100 * MIB, (int) MIB, "");
    }

    static DeploymentInfo peerToPeer() {
        return new DeploymentInfo("dep-1", CONTENT, DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER, false, ProxyOptions.NONE);
    }

    /** A peer-to-peer deployment made at {@code createdAt}. */
    static DeploymentInfo peerToPeerMadeAt(Instant createdAt) {
        return new DeploymentInfo("dep-1", CONTENT, DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER, false, ProxyOptions.NONE, createdAt);
    }

    static DeploymentInfo multicast() {
        return new DeploymentInfo("dep-1", CONTENT, DeploymentMode.DEPLOYMENT_MODE_MULTICAST, false, ProxyOptions.NONE);
    }

    static DeploymentInfo proxy(ProxyOptions options) {
        return new DeploymentInfo("dep-1", CONTENT, DeploymentMode.DEPLOYMENT_MODE_PROXY, false, options);
    }

    static PeerBuilder peer(String id, OfficeNode office) {
        return new PeerBuilder(id, office.id());
    }

    static PlanQuery ask(String deviceId, String... avoid) {
        return new PlanQuery(deviceId, CONTENT, Set.of(avoid));
    }

    static PlanningFacts facts(PeerState requester, DeploymentInfo deployment, PeerState... candidates) {
        return new PlanningFacts(requester, content(), deployment, List.of(candidates));
    }

    static SourcePlanner planner() {
        return new SourcePlanner(PlannerSettings.defaults());
    }

    static SourcePlanner planner(String... seeds) {
        return new SourcePlanner(PlannerSettings.defaults().withSeeds(Set.of(seeds)));
    }

    /** Plans for {@code requester} among {@code candidates} (the requester is left out of them, as metadata-service does). */
    static Plan plan(SourcePlanner planner, OfficeChain chain, DeploymentInfo deployment, PeerState requester, List<PeerState> everyone,
            String... avoid) {
        List<PeerState> others = new ArrayList<>();
        for (PeerState peer : everyone) {
            if (!peer.deviceId().equals(requester.deviceId())) {
                others.add(peer);
            }
        }
        return planner.plan(ask(requester.deviceId(), avoid), new PlanningFacts(requester, content(), deployment, others), chain, NOW);
    }

    static List<String> sourceIds(Plan plan) {
        return plan.sources().stream().map(s -> s.isOrigin() ? "origin" : s.deviceId()).toList();
    }

    /** A peer with 20 GiB free, a desktop workstation, booted a day ago, with the content pending. */
    static final class PeerBuilder {
        private final String id;
        private String officeId;
        private long free = 20 * GIB;
        private long usable = 50 * GIB;
        private DeviceClass deviceClass = DeviceClass.DEVICE_CLASS_DESKTOP;
        private OsType osType = OsType.OS_TYPE_WORKSTATION;
        private long bootTime = NOW.toEpochMilli() - 86_400_000L;
        private boolean busy;
        private boolean active = true;
        private ContentState state = ContentState.CONTENT_STATE_PENDING;
        private int pieces;
        private boolean deployed;
        private String ip = "10.7.0.10";

        PeerBuilder(String id, String officeId) {
            this.id = id;
            this.officeId = officeId;
        }

        PeerBuilder free(long bytes) {
            free = bytes;
            return this;
        }

        PeerBuilder usable(long bytes) {
            usable = bytes;
            return this;
        }

        PeerBuilder laptop() {
            deviceClass = DeviceClass.DEVICE_CLASS_LAPTOP;
            return this;
        }

        PeerBuilder deviceClass(DeviceClass value) {
            deviceClass = value;
            return this;
        }

        PeerBuilder server() {
            osType = OsType.OS_TYPE_SERVER;
            return this;
        }

        PeerBuilder os(OsType value) {
            osType = value;
            return this;
        }

        PeerBuilder bootedAt(long epochMs) {
            bootTime = epochMs;
            return this;
        }

        PeerBuilder busy() {
            busy = true;
            return this;
        }

        PeerBuilder inactive() {
            active = false;
            return this;
        }

        PeerBuilder state(ContentState value) {
            state = value;
            return this;
        }

        /** Not deployed to it. */
        PeerBuilder untasked() {
            state = ContentState.CONTENT_STATE_UNSPECIFIED;
            return this;
        }

        /** Deployed to it, its notice not yet there: it has reported nothing of the content. */
        PeerBuilder untold() {
            state = ContentState.CONTENT_STATE_UNSPECIFIED;
            deployed = true;
            return this;
        }

        PeerBuilder holding(int pieceCount) {
            pieces = pieceCount;
            state = pieceCount >= 100 ? ContentState.CONTENT_STATE_CACHED : ContentState.CONTENT_STATE_DOWNLOADING;
            return this;
        }

        /** Copied pieces from its office's holders while following a WAIT plan: still PENDING. */
        PeerBuilder copying(int pieceCount) {
            pieces = pieceCount;
            state = ContentState.CONTENT_STATE_PENDING;
            return this;
        }

        PeerBuilder downloading() {
            state = ContentState.CONTENT_STATE_DOWNLOADING;
            return this;
        }

        PeerBuilder ip(String address) {
            ip = address;
            return this;
        }

        PeerState build() {
            return new PeerState(id, id, ip, officeId, deviceClass, osType, free, usable, bootTime, busy, active, state, pieces,
                    deployed);
        }
    }
}
