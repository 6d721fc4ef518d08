package dev.cascade.benchmarks.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

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

import dev.cascade.topology.model.OfficeDefinition;
import dev.cascade.topology.model.OfficeResolver;
import dev.cascade.topology.model.PeerPlacement;
import dev.cascade.topology.model.SubnetRange;
import dev.cascade.topology.model.Topology;
import dev.cascade.topology.model.TopologyGenerator;

/**
 * IP→office resolution over the generated topology of issue 4's target: 10 000 offices holding
 * 100 000 ranges (about 3/4 IPv4, 1/4 IPv6; CIDR blocks, ranges that are not CIDR-aligned and single
 * addresses; {@link TopologyGenerator}, seed 4).
 *
 * <p>Each op resolves the next address of a pre-generated ring of {@value #ADDRESSES} peer addresses
 * ({@link TopologyGenerator#peers}): most inside a random range (so about a quarter IPv6), about one in
 * twenty held by no range (central office). The ring is larger than the CPU caches hold together with
 * the tries, so the lookups are not all cache hits. {@code parseOnly} is the side-by-side baseline: the
 * same text parsed by {@link OfficeResolver#parse} and nothing else. {@code OfficeResolver} takes only
 * text, so the trie lookup on a pre-parsed address cannot be measured through its API; it is
 * {@code resolve} minus {@code parseOnly}.
 *
 * <p>{@code buildResolver} is what every import (and every replica's refresh) pays before the new
 * topology answers: splitting all 100 000 ranges into prefix blocks and filling both tries.
 *
 * <pre>
 * java -jar benchmarks/topology/target/topology-benchmarks.jar ResolveBenchmark -f 1 -wi 5 -i 10 -w 1s -r 1s
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 10, time = 1)
public class ResolveBenchmark {

    /** Addresses in the ring; a power of two so that the next index is a mask, not a division. */
    static final int ADDRESSES = 1 << 16;

    /** The generator's seed: the same topology and addresses in every run. */
    static final long SEED = 4;

    /** A resolver over the generated topology and the ring of addresses it is asked about. */
    @State(Scope.Thread)
    public static class Lookups {

        @Param("10000")
        int offices;

        @Param("100000")
        int ranges;

        /**
         * Which of the generated addresses are asked about: {@code mixed} as generated, or only the
         * {@code ipv4} ones (those no range holds among them) or the {@code ipv6} ones, e.g.
         * {@code -p addresses=ipv4,ipv6}, to see each trie alone.
         */
        @Param("mixed")
        String addresses;

        OfficeResolver resolver;
        PrefixTrieResolver trie;
        String[] ring;
        int next;

        @Setup(Level.Trial)
        public void generate() {
            TopologyGenerator generator = new TopologyGenerator(SEED);
            Topology topology = generator.generate(offices, ranges);
            resolver = topology.resolver();
            trie = new PrefixTrieResolver(topology.central().id(), Ranges.of(topology));
            Predicate<String> wanted = switch (addresses) {
                case "mixed" -> ip -> true;
                case "ipv4" -> ip -> ip.indexOf(':') < 0;
                case "ipv6" -> ip -> ip.indexOf(':') >= 0;
                default -> throw new IllegalArgumentException("parameter addresses is '" + addresses
                        + "'; expected mixed, ipv4 or ipv6");
            };
            List<String> chosen = new ArrayList<>(ADDRESSES);
            while (chosen.size() < ADDRESSES) {
                for (PeerPlacement peer : generator.peers(topology, ADDRESSES)) {
                    if (chosen.size() < ADDRESSES && wanted.test(peer.ip())) {
                        chosen.add(peer.ip());
                    }
                }
            }
            ring = chosen.toArray(String[]::new);
            AddressMix.of(resolver, ring).print(offices, ranges);
        }

        String nextAddress() {
            return ring[next++ & (ADDRESSES - 1)];
        }
    }

    /** The ranges of the generated topology, ready to be handed to a new resolver. */
    @State(Scope.Benchmark)
    public static class Ranges {

        @Param("10000")
        int offices;

        @Param("100000")
        int ranges;

        String centralId;
        Topology topology;
        List<OfficeResolver.Range> all;

        @Setup(Level.Trial)
        public void generate() {
            topology = new TopologyGenerator(SEED).generate(offices, ranges);
            centralId = topology.central().id();
            all = of(topology);
        }

        static List<OfficeResolver.Range> of(Topology topology) {
            List<OfficeResolver.Range> all = new ArrayList<>(topology.rangeCount());
            for (OfficeDefinition office : topology.offices()) {
                for (SubnetRange range : office.ranges()) {
                    all.add(new OfficeResolver.Range(office.id(), range.firstText(), range.lastText(), range.text()));
                }
            }
            return all;
        }
    }

    @Benchmark
    @BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public OfficeResolver.Match resolve(Lookups state) {
        return state.resolver.resolve(state.nextAddress());
    }

    /** The previous resolver (IPAddress tries), side by side. */
    @Benchmark
    @BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public OfficeResolver.Match resolveTrie(Lookups state) {
        return state.trie.resolve(state.nextAddress());
    }

    @Benchmark
    @BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public Object parseOnly(Lookups state) {
        return OfficeResolver.parse(state.nextAddress());
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public OfficeResolver buildResolver(Ranges state) {
        return new OfficeResolver(state.centralId, state.all);
    }

    /** The resolver as a topology builds it, from ranges it already parsed (what an import pays). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public OfficeResolver buildFromTopology(Ranges state) {
        return OfficeResolver.of(state.centralId, state.topology.offices());
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object buildTrie(Ranges state) {
        return new PrefixTrieResolver(state.centralId, state.all);
    }
}
