package dev.cascade.topology.planner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.SourceProtocol;
import dev.cascade.topology.model.OfficeKind;

/**
 * The planner's invariants over random hierarchies, peers, holdings, deployment modes and arrival
 * orders (a seeded generator: jqwik 1.9.3 resolves from the mirror but runs on JUnit Platform 1.x,
 * and this module's tests run on Platform 6). Each seed builds a topology and plays a few hundred
 * events: a peer asks for a plan (and first makes the progress its previous plan allowed), a peer
 * arrives, a peer that holds nothing complete leaves for good, a peer turns busy or idle. Every plan
 * must: never name the requester or an avoided peer; in a VPN office name no same-office peer; in a
 * metered office use neither the background protocol nor the origin; give every source a reason and
 * the plan an explanation. After every event, no office may have two active peers whose latest plan
 * pulls over the WAN (VPN offices excepted; in proxy mode with split populations, per population).
 *
 * <p>Peers follow the agent's side of the contract: DOWNLOADING while following a FETCH plan,
 * PENDING while following a WAIT plan (also while copying pieces from holders of the office), and
 * the state change is reported before the next plan is made.
 */
class PlanInvariantsTest {

    private static final Instant NOW = Instant.parse("2030-01-15T10:00:00Z");
    private static final int PIECES = 20;
    private static final int MIB = 1 << 20;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 300);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void invariantsHoldOverRandomHierarchiesAndArrivalOrders(long seed) {
        new Simulation(seed).run(250);
    }

    private static final class Simulation {
        private final Random random;
        private final List<OfficeNode> offices = new ArrayList<>();
        private final Map<String, String> parents = new HashMap<>();
        private final Map<String, PeerState> peers = new HashMap<>();
        private final Map<String, Plan> latest = new HashMap<>();
        private final ContentInfo content;
        private final DeploymentInfo deployment;
        private final SourcePlanner planner;
        private final boolean splitPopulations;
        private int nextPeer;

        Simulation(long seed) {
            random = new Random(seed);
            int officeCount = 1 + random.nextInt(8);
            for (int i = 0; i < officeCount; i++) {
                String id = "o" + i;
                OfficeKind kind = i == 0 ? OfficeKind.STANDARD : pick(OfficeKind.STANDARD, OfficeKind.STANDARD, OfficeKind.STANDARD,
                        OfficeKind.VPN, OfficeKind.WIFI);
                offices.add(new OfficeNode(id, "Office-" + i, kind, i == 0, i > 0 && random.nextInt(6) == 0, random.nextInt(6) == 0,
                        List.of()));
                if (i > 0) {
                    parents.put(id, "o" + random.nextInt(i));
                }
            }
            content = new ContentInfo("c1", "Package", (long) PIECES * MIB, MIB, random.nextInt(5) == 0 ? "" : "https://cdn/c1");
            Set<String> seeds = new HashSet<>();
            int initial = 3 + random.nextInt(25);
            for (int i = 0; i < initial; i++) {
                PeerState peer = newPeer(random.nextInt(8) != 0);
                peers.put(peer.deviceId(), peer);
            }
            if (random.nextBoolean()) {
                PeerState seedPeer = new PeerState("seed", "seed", "10.0.0.1", "o0", DeviceClass.DEVICE_CLASS_DESKTOP, OsType.OS_TYPE_SERVER,
                        500L * MIB * 1024, 900L * MIB * 1024, 1, false, true,
                        pick(ContentState.CONTENT_STATE_CACHED, ContentState.CONTENT_STATE_PENDING, ContentState.CONTENT_STATE_UNSPECIFIED), 0);
                seedPeer = seedPeer.state() == ContentState.CONTENT_STATE_CACHED ? withPieces(seedPeer, PIECES, seedPeer.state()) : seedPeer;
                peers.put("seed", seedPeer);
                seeds.add("seed");
            }
            DeploymentMode mode = pick(DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER, DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER,
                    DeploymentMode.DEPLOYMENT_MODE_MULTICAST, DeploymentMode.DEPLOYMENT_MODE_PROXY);
            ProxyOptions proxy = ProxyOptions.NONE;
            if (mode == DeploymentMode.DEPLOYMENT_MODE_PROXY) {
                Set<String> stores = new HashSet<>();
                peers.keySet().stream().sorted().filter(id -> random.nextInt(4) == 0).forEach(stores::add);
                proxy = new ProxyOptions(random.nextInt(5) != 0, pickTime(), pickTime(), stores);
            }
            deployment = new DeploymentInfo("d1", "c1", mode, false, proxy);
            ProxyAccess others = ProxyAccess.of(proxy, false, NOW);
            splitPopulations = mode == DeploymentMode.DEPLOYMENT_MODE_PROXY && !(others.server() && others.packageStores());
            planner = new SourcePlanner(PlannerSettings.defaults().withSeeds(seeds));
        }

        void run(int events) {
            for (int event = 0; event < events; event++) {
                int roll = random.nextInt(100);
                if (roll < 65) {
                    ask();
                } else if (roll < 80) {
                    PeerState peer = newPeer(true);
                    peers.put(peer.deviceId(), peer);
                } else if (roll < 88) {
                    leave();
                } else {
                    toggleBusy();
                }
                assertAtMostOneWanPullPerOffice(event);
            }
        }

        private void ask() {
            List<PeerState> askers = peers.values().stream()
                    .filter(peer -> peer.active() && peer.hasTask() && !peer.holdsAll(content)).sorted(
                            java.util.Comparator.comparing(PeerState::deviceId)).toList();
            if (askers.isEmpty()) {
                return;
            }
            PeerState asker = progress(askers.get(random.nextInt(askers.size())));
            if (asker.holdsAll(content)) {
                return;
            }
            Set<String> avoid = new HashSet<>();
            if (random.nextInt(5) == 0) {
                List<String> ids = peers.keySet().stream().sorted().toList();
                avoid.add(ids.get(random.nextInt(ids.size())));
            }
            List<OfficeNode> chain = chain(asker.officeId());
            Set<String> chainIds = new HashSet<>();
            chain.forEach(office -> chainIds.add(office.id()));
            List<PeerState> candidates = peers.values().stream()
                    .filter(peer -> !peer.deviceId().equals(asker.deviceId()) && chainIds.contains(peer.officeId())).toList();
            Plan plan = planner.plan(new PlanQuery(asker.deviceId(), "c1", avoid), new PlanningFacts(asker, content, deployment, candidates),
                    new OfficeChain(chain, 7), NOW);
            checkPlan(asker, avoid, chain, plan);
            latest.put(asker.deviceId(), plan);
            // the agent reports its state for the plan before anyone asks again
            ContentState state = plan.action() == PlanAction.PLAN_ACTION_FETCH && !plan.sources().isEmpty()
                    ? ContentState.CONTENT_STATE_DOWNLOADING : ContentState.CONTENT_STATE_PENDING;
            peers.put(asker.deviceId(), withPieces(asker, asker.piecesHeld(), state));
        }

        /** The pieces the peer fetched on its previous plan since it was made. */
        private PeerState progress(PeerState peer) {
            Plan previous = latest.get(peer.deviceId());
            if (previous == null) {
                return peer;
            }
            int reachable = 0;
            for (Source source : previous.sources()) {
                if (source.isOrigin()) {
                    reachable = PIECES;
                } else {
                    PeerState holder = peers.get(source.deviceId());
                    if (holder != null && holder.active()) {
                        reachable = Math.max(reachable, holder.piecesHeld());
                    }
                }
            }
            int pieces = Math.max(peer.piecesHeld(), Math.min(reachable, peer.piecesHeld() + 1 + random.nextInt(8)));
            ContentState state = pieces >= PIECES ? ContentState.CONTENT_STATE_CACHED : peer.state();
            return withPieces(peer, pieces, state);
        }

        private void checkPlan(PeerState asker, Set<String> avoid, List<OfficeNode> chain, Plan plan) {
            OfficeNode home = chain.get(0);
            Set<String> upstream = new HashSet<>();
            chain.subList(1, chain.size()).forEach(office -> upstream.add(office.id()));
            assertThat(plan.explanation()).isNotBlank();
            for (Source source : plan.sources()) {
                assertThat(source.reason()).isNotBlank();
                assertThat(source.deviceId()).isNotEqualTo(asker.deviceId());
                assertThat(avoid).doesNotContain(source.deviceId());
                if (source.isOrigin()) {
                    assertThat(content.hasOrigin()).isTrue();
                    assertThat(source.originUrl()).isEqualTo(content.originUrl());
                } else if (source.protocol() == SourceProtocol.SOURCE_PROTOCOL_FOREGROUND) {
                    assertThat(source.officeId()).isEqualTo(home.id());
                } else {
                    assertThat(upstream).contains(source.officeId());
                }
                if (home.kind() == OfficeKind.VPN) {
                    assertThat(source.officeId()).as("a VPN office shares nothing").isNotEqualTo(home.id());
                }
                if (home.metered()) {
                    assertThat(source.overWan()).as("a metered office never uses the WAN").isFalse();
                }
            }
            if (plan.pullsOverWan() && home.kind() != OfficeKind.VPN) {
                assertThat(plan.rvp()).as("only the RVP pulls over the WAN: " + plan.explanation()).isTrue();
            }
        }

        private void assertAtMostOneWanPullPerOffice(int event) {
            Map<String, List<String>> pulling = new HashMap<>();
            for (PeerState peer : peers.values()) {
                Plan plan = latest.get(peer.deviceId());
                OfficeNode office = office(peer.officeId());
                if (plan == null || !peer.active() || peer.holdsAll(content) || !plan.pullsOverWan() || office.kind() == OfficeKind.VPN) {
                    continue;
                }
                String population = splitPopulations && deployment.proxy().isPackageStore(peer.deviceId()) ? "/stores" : "";
                pulling.computeIfAbsent(office.id() + population, k -> new ArrayList<>()).add(peer.deviceId());
            }
            pulling.forEach((office, ids) -> assertThat(ids).as("WAN pulls in %s after event %d", office, event).hasSizeLessThanOrEqualTo(1));
        }

        private void leave() {
            List<PeerState> leavers = peers.values().stream().filter(peer -> peer.active() && !peer.holdsAll(content))
                    .sorted(java.util.Comparator.comparing(PeerState::deviceId)).toList();
            if (!leavers.isEmpty()) {
                PeerState gone = leavers.get(random.nextInt(leavers.size()));
                peers.put(gone.deviceId(), new PeerState(gone.deviceId(), gone.hostname(), gone.ipAddress(), gone.officeId(),
                        gone.deviceClass(), gone.osType(), gone.freeStorageBytes(), gone.usableStorageBytes(), gone.bootTimeMs(), gone.busy(),
                        false, gone.state(), gone.piecesHeld()));
            }
        }

        private void toggleBusy() {
            List<String> ids = peers.keySet().stream().sorted().toList();
            PeerState peer = peers.get(ids.get(random.nextInt(ids.size())));
            peers.put(peer.deviceId(), new PeerState(peer.deviceId(), peer.hostname(), peer.ipAddress(), peer.officeId(), peer.deviceClass(),
                    peer.osType(), peer.freeStorageBytes(), peer.usableStorageBytes(), peer.bootTimeMs(), !peer.busy(), peer.active(),
                    peer.state(), peer.piecesHeld()));
        }

        private PeerState newPeer(boolean active) {
            int n = nextPeer++;
            OfficeNode office = offices.get(random.nextInt(offices.size()));
            int officeIndex = Integer.parseInt(office.id().substring(1));
            String ip = "10." + officeIndex + "." + random.nextInt(2) + "." + (10 + n);
            int roll = random.nextInt(10);
            ContentState state = roll < 2 ? ContentState.CONTENT_STATE_UNSPECIFIED : ContentState.CONTENT_STATE_PENDING;
            int pieces = 0;
            if (roll == 2) {
                state = ContentState.CONTENT_STATE_CACHED;
                pieces = PIECES;
            }
            long free = random.nextInt(10) == 0 ? MIB : (long) random.nextInt(40) * 1024 * MIB + random.nextInt(1024) * (long) MIB;
            return new PeerState("p" + n, "pc-" + n, ip, office.id(), pick(DeviceClass.values()), pick(OsType.values()), free,
                    free + (long) random.nextInt(20) * 1024 * MIB, random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(1_000_000),
                    random.nextInt(7) == 0, active, state, pieces);
        }

        private List<OfficeNode> chain(String officeId) {
            List<OfficeNode> chain = new ArrayList<>();
            for (String id = officeId; id != null; id = parents.get(id)) {
                chain.add(office(id));
            }
            return chain;
        }

        private OfficeNode office(String id) {
            return offices.get(Integer.parseInt(id.substring(1)));
        }

        private Instant pickTime() {
            return switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> NOW.minus(Duration.ofHours(1));
                default -> NOW.plus(Duration.ofHours(1));
            };
        }

        private static PeerState withPieces(PeerState peer, int pieces, ContentState state) {
            long gained = (long) (pieces - peer.piecesHeld()) * MIB;
            return new PeerState(peer.deviceId(), peer.hostname(), peer.ipAddress(), peer.officeId(), peer.deviceClass(), peer.osType(),
                    Math.max(0, peer.freeStorageBytes() - gained), peer.usableStorageBytes(), peer.bootTimeMs(), peer.busy(), peer.active(),
                    state, pieces);
        }

        @SafeVarargs
        private <T> T pick(T... values) {
            T value = values[random.nextInt(values.length)];
            return value.toString().equals("UNRECOGNIZED") ? values[0] : value;
        }
    }
}
