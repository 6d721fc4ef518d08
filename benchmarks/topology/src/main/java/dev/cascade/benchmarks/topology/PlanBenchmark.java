package dev.cascade.benchmarks.topology;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.topology.model.OfficeKind;
import dev.cascade.topology.planner.ContentInfo;
import dev.cascade.topology.planner.DeploymentInfo;
import dev.cascade.topology.planner.OfficeChain;
import dev.cascade.topology.planner.OfficeNode;
import dev.cascade.topology.planner.Plan;
import dev.cascade.topology.planner.PlanQuery;
import dev.cascade.topology.planner.PlannerSettings;
import dev.cascade.topology.planner.PlanningFacts;
import dev.cascade.topology.planner.PeerState;
import dev.cascade.topology.planner.ProxyOptions;
import dev.cascade.topology.planner.SourcePlanner;

/**
 * The source planner (issue 5): one plan for one peer, with 100 000 peers in 1 000 offices four
 * levels deep (the central office, 9 regions, 90 areas, 900 branches; 100 peers per office on
 * average, the central office holding the seed) and a 100-piece content held by {@code holding} of
 * the peers: 0, 10, 50 or 100 %, each holder with a random share of the pieces (a quarter of them
 * complete), the others pending. A fifth of the offices are Wi-Fi, one in twenty VPN.
 *
 * <p>{@code plan}: the domain planner alone, on the state gRPC GetPlanningState returns (the
 * requester, the content, its deployment, and the active peers of the requester's office and its
 * ancestors: about 400 candidates), for a ring of {@value #RING} requesters picked at random.
 * {@code planFromIndex}: the same plus building that state from an in-memory index of all 100 000
 * peers by office (look up the requester, walk its chain, copy the candidates of each office), to
 * show what the state costs next to the plan. Neither includes the gRPC round trip to metadata-service.
 *
 * <pre>
 * java -jar benchmarks/topology/target/topology-benchmarks.jar PlanBenchmark -bm sample -tu us -f 1 -wi 5 -i 10 -w 1s -r 1s
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class PlanBenchmark {

    static final int RING = 1 << 10;
    static final long SEED = 5;
    static final Instant NOW = Instant.parse("2030-01-15T10:00:00Z");
    static final long MIB = 1L << 20;

    /** The generated fleet and a ring of requesters with their prepared states. */
    @State(Scope.Thread)
    public static class Fleet {

        @Param("100000")
        int peers;

        @Param("1000")
        int offices;

        /** Share of peers holding some of the content, in percent. */
        @Param({"0", "10", "50", "100"})
        int holding;

        SourcePlanner planner;
        ContentInfo content;
        DeploymentInfo deployment;
        Map<String, OfficeNode> officeById = new HashMap<>();
        Map<String, String> parentOf = new HashMap<>();
        Map<String, List<PeerState>> peersByOffice = new HashMap<>();
        Map<String, PeerState> peerById = new HashMap<>();
        PlanQuery[] queries = new PlanQuery[RING];
        PlanningFacts[] facts = new PlanningFacts[RING];
        OfficeChain[] chains = new OfficeChain[RING];
        int next;

        @Setup(Level.Trial)
        public void generate() {
            Random random = new Random(SEED);
            content = new ContentInfo("content-1", "Package", 100 * MIB, (int) MIB, "https://cdn.example.com/package");
            deployment = new DeploymentInfo("deployment-1", "content-1", DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER, false,
                    ProxyOptions.NONE);
            planner = new SourcePlanner(PlannerSettings.defaults().withSeeds(Set.of("seed")));
            List<String> ids = hierarchy(random);
            for (int i = 0; i < peers; i++) {
                String office = i == 0 ? "o0" : ids.get(random.nextInt(ids.size()));
                PeerState peer = peer(random, i == 0 ? "seed" : "p" + i, office, i == 0);
                peersByOffice.computeIfAbsent(office, k -> new ArrayList<>()).add(peer);
                peerById.put(peer.deviceId(), peer);
            }
            List<PeerState> all = new ArrayList<>(peerById.values());
            all.sort((a, b) -> a.deviceId().compareTo(b.deviceId()));
            for (int i = 0; i < RING; i++) {
                PeerState requester = all.get(random.nextInt(all.size()));
                queries[i] = new PlanQuery(requester.deviceId(), content.contentId(), Set.of());
                chains[i] = chain(requester.officeId());
                facts[i] = state(requester, chains[i]);
            }
            int candidates = 0;
            for (PlanningFacts one : facts) {
                candidates += one.candidates().size();
            }
            System.out.printf("%n%d peers in %d offices, %d %% holding; %d candidates per plan on average%n", peers, offices, holding,
                    candidates / RING);
        }

        /** The central office, 1 % regions, 10 % areas, the rest branches; each office's parent one level up. */
        private List<String> hierarchy(Random random) {
            int regions = Math.max(1, offices / 100);
            int areas = Math.max(1, offices / 10 - regions);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < offices; i++) {
                String id = "o" + i;
                String parent;
                if (i == 0) {
                    parent = null;
                } else if (i <= regions) {
                    parent = "o0";
                } else if (i <= regions + areas) {
                    parent = "o" + (1 + random.nextInt(regions));
                } else {
                    parent = "o" + (1 + regions + random.nextInt(areas));
                }
                int roll = random.nextInt(20);
                OfficeKind kind = i == 0 || roll > 4 ? OfficeKind.STANDARD : roll == 0 ? OfficeKind.VPN : OfficeKind.WIFI;
                officeById.put(id, new OfficeNode(id, "Office-" + i, kind, i == 0, false, false,
                        List.of("p" + random.nextInt(peers), "p" + random.nextInt(peers))));
                if (parent != null) {
                    parentOf.put(id, parent);
                }
                ids.add(id);
            }
            return ids;
        }

        private PeerState peer(Random random, String id, String office, boolean seed) {
            boolean holds = seed || random.nextInt(100) < holding;
            int pieces = 0;
            ContentState state = ContentState.CONTENT_STATE_PENDING;
            if (holds) {
                pieces = random.nextInt(4) == 0 ? 100 : 1 + random.nextInt(99);
                state = pieces == 100 ? ContentState.CONTENT_STATE_CACHED : ContentState.CONTENT_STATE_DOWNLOADING;
            }
            long free = (long) random.nextInt(200) << 30;
            return new PeerState(id, "pc-" + id, "10." + (random.nextInt(250)) + "." + random.nextInt(250) + "." + (1 + random.nextInt(250)),
                    office, random.nextBoolean() ? DeviceClass.DEVICE_CLASS_DESKTOP : DeviceClass.DEVICE_CLASS_LAPTOP,
                    random.nextInt(10) == 0 ? OsType.OS_TYPE_SERVER : OsType.OS_TYPE_WORKSTATION, free, free + (50L << 30),
                    NOW.toEpochMilli() - random.nextInt(1_000_000_000), random.nextInt(10) == 0, true, state, pieces);
        }

        OfficeChain chain(String officeId) {
            List<OfficeNode> nodes = new ArrayList<>(4);
            for (String id = officeId; id != null; id = parentOf.get(id)) {
                nodes.add(officeById.get(id));
            }
            return new OfficeChain(nodes, 1);
        }

        /** What GetPlanningState would return: the active peers of the chain's offices, the requester left out. */
        PlanningFacts state(PeerState requester, OfficeChain chain) {
            List<PeerState> candidates = new ArrayList<>();
            for (OfficeNode office : chain.offices()) {
                for (PeerState peer : peersByOffice.getOrDefault(office.id(), List.of())) {
                    if (peer.active() && !peer.deviceId().equals(requester.deviceId())) {
                        candidates.add(peer);
                    }
                }
            }
            return new PlanningFacts(requester, content, deployment, candidates);
        }

        int nextIndex() {
            return next++ & (RING - 1);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Plan plan(Fleet fleet) {
        int i = fleet.nextIndex();
        return fleet.planner.plan(fleet.queries[i], fleet.facts[i], fleet.chains[i], NOW);
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Plan planFromIndex(Fleet fleet) {
        PlanQuery query = fleet.queries[fleet.nextIndex()];
        PeerState requester = fleet.peerById.get(query.deviceId());
        OfficeChain chain = fleet.chain(requester.officeId());
        return fleet.planner.plan(query, fleet.state(requester, chain), chain, NOW);
    }
}
