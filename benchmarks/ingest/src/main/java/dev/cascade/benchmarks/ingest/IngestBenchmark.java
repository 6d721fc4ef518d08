package dev.cascade.benchmarks.ingest;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;

/**
 * How close the gateway's ingest path (UDP in, HMAC, validation, Kafka acks=all, ACK out) comes to
 * Kafka's own producer on the same broker, and what ACK latency a peer sees at saturation and at
 * half of it. Starts a real KRaft broker ({@link BrokerProcess}), the gateway's embedded build and
 * Kafka's ProducerPerformance, each as a JVM of its own, in a temporary directory (the broker's data
 * is deleted at the end, the logs stay); nothing is mocked. Each measurement is taken
 * {@code --repeats} times and the median reported: single runs on a shared machine vary by 2x.
 *
 * <pre>
 * java -jar benchmarks/ingest/target/ingest-benchmark.jar [--count 200000] [--devices 5000]
 *      [--window 2000] [--warmup-seconds 60] [--repeats 3] [--low-rate-fraction 0.5] [--gateway-jar PATH] [--gateway-heap 1g]
 *      [--isolate-generator auto|true|false]
 *      [--gateway-jvm "-XX:StartFlightRecording=filename=gw.jfr"] [--broker-jvm "-Xlog:gc:file=broker-gc.log"]
 *      [--latency-csv PATH] [--keep-broker-data false] [--gateway cascade|floor|cascade,floor]
 * </pre>
 */
public final class IngestBenchmark {

    private static final java.util.Set<String> OPTIONS = java.util.Set.of("count", "devices", "window",
            "low-rate-fraction", "warmup-seconds", "repeats", "isolate-generator", "gateway-jar", "gateway-heap",
            "gateway-jvm", "broker-jvm", "latency-csv", "keep-broker-data", "gateway");

    private static final String USAGE = """
            java -Djava.io.tmpdir=/dev/shm -jar benchmarks/ingest/target/ingest-benchmark.jar [options]
              --count N                 REGISTERs per saturation run (default 200000; 400000 in docs/benchmarks.md)
              --devices N               distinct device ids (default 5000)
              --window N                unacknowledged datagrams at most (default 2000)
              --low-rate-fraction F     offered rate of the latency runs, share of saturation (default 0.5)
              --warmup-seconds S        warm-up at least S, then until the gateway's JIT is quiet (default 60)
              --repeats N               runs of each measurement, the median reported (default 3)
              --isolate-generator M     auto | true | false: generator on its own CPU via taskset (default auto)
              --gateway G               cascade (default) | floor | cascade,floor: what is loaded; floor is the
                                        least any authenticating, acknowledging gateway must do
                                        (FloorGatewayMain), with the gateway's JVM options on its CPU
              --gateway-jar PATH        default services/udp-gateway/target/embedded-app/quarkus-run.jar
              --gateway-heap SIZE       the gateway's -Xms/-Xmx (default 1g)
              --gateway-jvm "OPTS"      more JVM options for the gateway, e.g. -Xlog:gc:file=gw.log:time,uptime
              --broker-jvm "OPTS"       more JVM options for the broker
              --latency-csv PATH        every measured run's ACK latencies with wall-clock send times
              --keep-broker-data B      keep the broker's log directory (~1 GB per run; default false)""";

    /** Where the floor ({@link FloorGatewayMain}) publishes, apart from the gateway's events. */
    private static final String FLOOR_TOPIC = "cascade.benchmark.floor";
    /** The gateway's compiler threads' share of a warm-up round below which the JIT counts as quiet. */
    private static final double QUIET_JIT = 0.02;
    private static final Duration MAX_WARMUP = Duration.ofMinutes(5);

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.println(USAGE);
            return;
        }
        Map<String, String> options = options(args);
        int count = Integer.parseInt(options.getOrDefault("count", "200000"));
        int devices = Integer.parseInt(options.getOrDefault("devices", "5000"));
        int window = Integer.parseInt(options.getOrDefault("window", "2000"));
        double lowFraction = Double.parseDouble(options.getOrDefault("low-rate-fraction", "0.5"));
        int warmupSeconds = Integer.parseInt(options.getOrDefault("warmup-seconds", "60"));
        int repeats = Integer.parseInt(options.getOrDefault("repeats", "3"));
        if (repeats < 1) {
            throw new IllegalArgumentException("--repeats must be at least 1, was " + repeats);
        }
        String isolate = options.getOrDefault("isolate-generator", "auto");
        List<String> sides = java.util.Arrays.stream(options.getOrDefault("gateway", "cascade").split(","))
                .sorted().toList(); // cascade before floor: "ratio gateway/floor"
        if (sides.isEmpty() || !List.of("cascade", "floor").containsAll(sides) || sides.stream().distinct().count() < sides.size()) {
            throw new IllegalArgumentException("--gateway must be cascade, floor or both (cascade,floor), was '"
                    + options.get("gateway") + "'");
        }
        Path jar = Path.of(options.getOrDefault("gateway-jar",
                "services/udp-gateway/target/embedded-app/quarkus-run.jar")).toAbsolutePath();
        String heap = options.getOrDefault("gateway-heap", "1g");
        List<String> gatewayJvm = jvmOptions(options, "gateway-jvm");
        List<String> brokerJvm = jvmOptions(options, "broker-jvm");
        Optional<Path> latencyCsv = Optional.ofNullable(options.get("latency-csv")).map(Path::of);
        boolean keepBrokerData = Boolean.parseBoolean(options.getOrDefault("keep-broker-data", "false"));
        Path work = Files.createTempDirectory("cascade-ingest-benchmark-");
        boolean failed;

        say("ingest benchmark: %d REGISTERs from %d device ids, window %d; work dir %s", count, devices, window, work);
        int machineCpus = Runtime.getRuntime().availableProcessors(); // before this JVM is pinned to one of them
        Generator generator = Generator.start(pinning(isolate));
        say("CPUs: %s", generator.describe());
        try (BrokerProcess broker = BrokerProcess.start(work.resolve("kafka"), generator.launcher(), brokerJvm,
                Duration.ofSeconds(120))) {
            String rawTopic = "cascade.benchmark.raw-producer";
            broker.createTopics(3, List.of(Topics.PEER_REGISTRATIONS, FLOOR_TOPIC, rawTopic));
            Path keyFile = work.resolve("keys.properties");
            KeyFile.createIfMissing(keyFile);
            WireKey fleet = KeyFile.current(keyFile, KeyPurpose.FLEET);

            int recordSize = peerRegisteredSize(devices);
            Load load = new Load(generator, fleet, devices, count, window, lowFraction, warmupSeconds, repeats);
            List<Side> measured = new ArrayList<>();
            for (String side : sides) {
                boolean floor = side.equals("floor");
                String topic = floor ? FLOOR_TOPIC : Topics.PEER_REGISTRATIONS;
                try (GatewayUnderTest gateway = floor
                        ? FloorGateway.start(work.resolve("floor"), broker.bootstrapServers(), keyFile, topic,
                                recordSize, GatewayProcess.jvmOptions(heap, gatewayJvm), generator.launcher())
                        : GatewayProcess.start(jar, work.resolve("gateway"), broker.bootstrapServers(), keyFile, heap,
                                gatewayJvm, generator.launcher())) {
                    measured.add(measure(floor ? "floor" : "gateway", gateway, broker, topic, load));
                }
            }

            say("raw producer: kafka-tools ProducerPerformance, %d records of %d bytes, acks=all, idempotent", count,
                    recordSize);
            RawProducerBaseline.Outcome raw = RawProducerBaseline.run(broker.bootstrapServers(), rawTopic, count,
                    recordSize, repeats, generator.launcher(), work.resolve("raw-producer.log"), broker::cpuNanos);
            say("raw producer warm-up: %.0f records/s (not reported); measured runs: %s records/s",
                    raw.warmUpRecordsPerSecond(), rates(raw.runsPerSecond()));

            if (latencyCsv.isPresent()) {
                Map<String, RegisterLoad.Result> runs = new LinkedHashMap<>();
                for (Side side : measured) {
                    String prefix = measured.size() > 1 ? side.name() + "-" : "";
                    for (int r = 0; r < repeats; r++) {
                        runs.put(prefix + "saturation-" + (r + 1), side.saturations().get(r).result());
                    }
                    for (int r = 0; r < repeats; r++) {
                        runs.put(prefix + "half-" + (r + 1), side.lowers().get(r));
                    }
                }
                writeLatencies(latencyCsv.get(), runs);
                say("ACK latencies of every measured run written to %s", latencyCsv.get());
            }
            System.out.println();
            System.out.println("== Cascade ingest benchmark ==");
            System.out.printf("machine: %d cores, Java %s%n", machineCpus,
                    System.getProperty("java.version"));
            System.out.printf("CPUs: %s%n", generator.describe());
            System.out.printf("runs: %d of each, the median reported%n", repeats);
            System.out.printf("raw      (ProducerPerformance, %d-byte values, acks=all, idempotent):  %,d records, %,.0f records/s "
                    + "(runs: %s)%n", recordSize, raw.records(), raw.recordsPerSecond(), rates(raw.runsPerSecond()));
            System.out.printf("         CPU per raw record: producer %.1f µs + broker %.1f µs; latency avg %.2f ms, p50 %d ms, "
                    + "p99 %d ms, max %.2f ms%n", raw.cpuMicrosPerRecord(), raw.brokerCpuMicrosPerRecord(), raw.avgMillis(),
                    raw.p50Millis(), raw.p99Millis(), raw.maxMillis());
            failed = false;
            for (Side side : measured) {
                report(side, raw, window, lowFraction);
                failed |= side.check().missing() > 0 || side.check().ackNamesWrongEvent() > 0;
            }
            if (measured.size() == 2) {
                System.out.printf("ratio gateway/floor: %.2f%n", measured.get(0).saturation().result().ackedPerSecond()
                        / measured.get(1).saturation().result().ackedPerSecond());
            }
        }
        if (!keepBrokerData) {
            deleteRecursively(work.resolve("kafka").resolve("logs")); // ~1 GB per run; the text logs stay
        }
        if (failed) {
            System.out.println("FAILED: an acknowledged registration is not on the topic");
            System.exit(1);
        }
        System.exit(0); // the producers' non-daemon threads must not keep the JVM
    }

    private static void deleteRecursively(Path directory) throws java.io.IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }

    /**
     * {@code true}: pin or fail saying why; {@code auto} (the default): pin where the machine allows
     * it, otherwise say why not and share the CPUs; {@code false}: share them.
     */
    private static Optional<CpuPinning> pinning(String isolate) {
        switch (isolate) {
            case "true":
                return Optional.of(CpuPinning.forThisMachine());
            case "false":
                return Optional.empty();
            case "auto":
                try {
                    return Optional.of(CpuPinning.forThisMachine());
                } catch (IllegalStateException e) {
                    say("not isolating the load generator: %s", e.getMessage());
                    return Optional.empty();
                }
            default:
                throw new IllegalArgumentException("--isolate-generator must be auto, true or false, was '" + isolate + "'");
        }
    }

    /** What every side is loaded with. */
    private record Load(Generator generator, WireKey key, int devices, int count, int window, double lowFraction,
                        int warmupSeconds, int repeats) {
    }

    /** One side's measurements: saturation runs, runs at a share of saturation, and the read-back. */
    private record Side(String name, List<Saturation> saturations, double lowRate, List<RegisterLoad.Result> lowers,
                        TopicCheck.Outcome check) {

        Saturation saturation() {
            return median(saturations, s -> s.result().ackedPerSecond());
        }

        RegisterLoad.Result lower() {
            return median(lowers, run -> LatencyStats.of(run).p99Millis());
        }
    }

    /** Warms {@code gateway} up, then its saturation runs, its runs at the lower rate, and reads its topic back. */
    private static Side measure(String name, GatewayUnderTest gateway, BrokerProcess broker, String topic, Load load)
            throws Exception {
        InetSocketAddress address = gateway.awaitReady(Duration.ofSeconds(120));
        say("%s ready on UDP %s (log %s)", name, address, gateway.log());
        RegisterLoad registers = new RegisterLoad(address, load.key(), load.devices());
        warmUp(load, registers, gateway);
        List<Saturation> saturations = new ArrayList<>();
        for (int r = 0; r < load.repeats(); r++) {
            long gatewayCpuBefore = gateway.cpuNanos();
            long brokerCpuBefore = broker.cpuNanos();
            long ownCpuBefore = ownCpuNanos();
            RegisterLoad.Result run = load.generator().run(() -> registers.run(load.count(), load.window(), 0));
            Saturation saturation = new Saturation(run,
                    (gateway.cpuNanos() - gatewayCpuBefore) / 1e3 / run.acked(),
                    (broker.cpuNanos() - brokerCpuBefore) / 1e3 / run.acked(),
                    (ownCpuNanos() - ownCpuBefore) / 1e3 / run.acked());
            saturations.add(saturation);
            say("%s saturation run %d: %d sent, %d acked, %d rejected, %.0f acked/s, %s %.1f µs + broker %.1f µs "
                    + "CPU per ACK", name, r + 1, run.sent(), run.acked(), run.rejected(), run.ackedPerSecond(), name,
                    saturation.gatewayCpuMicros(), saturation.brokerCpuMicros());
        }
        double lowRate = median(saturations, s -> s.result().ackedPerSecond()).result().ackedPerSecond()
                * load.lowFraction();
        int lowCount = Math.max(10_000, load.count() / 2);
        List<RegisterLoad.Result> lowers = new ArrayList<>();
        for (int r = 0; r < load.repeats(); r++) {
            RegisterLoad.Result lower = load.generator().run(() -> registers.run(lowCount, load.window(), lowRate));
            lowers.add(lower);
            say("%s offered %.0f/s, run %d: %d sent, %d acked, %.0f acked/s, ACK p99 %.2f ms", name, lowRate, r + 1,
                    lower.sent(), lower.acked(), lower.ackedPerSecond(), LatencyStats.of(lower).p99Millis());
        }
        if (gateway instanceof GatewayProcess) {
            say("gateway queue_full drops: %.0f, publish failures: %.0f",
                    gateway.metric("cascade_gateway_datagrams_rejected_total{reason=\"queue_full\"}"),
                    gateway.metric("cascade_gateway_kafka_publish_failures_total"));
        }
        List<RegisterLoad.Result> all = new ArrayList<>(lowers);
        saturations.forEach(saturation -> all.add(saturation.result()));
        return new Side(name, saturations, lowRate, lowers, TopicCheck.check(broker.bootstrapServers(), topic, all));
    }

    private static void report(Side side, RawProducerBaseline.Outcome raw, int window, double lowFraction) {
        Saturation saturation = side.saturation();
        LatencyStats saturated = LatencyStats.of(saturation.result());
        RegisterLoad.Result lower = side.lower();
        LatencyStats relaxed = LatencyStats.of(lower);
        boolean floor = side.name().equals("floor");
        System.out.printf("%-8s (%s): %,d acked of %,d sent, %,.0f acked/s (runs: %s)%n", side.name(), floor
                        ? "REGISTER -> the datagram, padded to the event's size, as the record; acks=all, ACK after Kafka"
                        : "REGISTER -> PeerRegistered, acks=all, ACK after Kafka",
                saturation.result().acked(), saturation.result().sent(), saturation.result().ackedPerSecond(),
                rates(side.saturations().stream().mapToDouble(s -> s.result().ackedPerSecond()).toArray()));
        System.out.printf("ratio %s/raw: %.2f%n", side.name(), saturation.result().ackedPerSecond() / raw.recordsPerSecond());
        System.out.printf("         CPU per acked datagram at saturation: %s %.1f µs + broker %.1f µs (load generator %.1f µs)%n",
                side.name(), saturation.gatewayCpuMicros(), saturation.brokerCpuMicros(), saturation.ownCpuMicros());
        System.out.printf("         ACK latency at saturation (window %d): p50 %.2f ms, p99 %.2f ms, max %.2f ms (%,d ACKs)%n",
                window, saturated.p50Millis(), saturated.p99Millis(), saturated.maxMillis(), saturated.count());
        System.out.printf("         ACK latency at %.0f/s offered (%.0f%% of saturation), the run with the median p99 (p99 of "
                        + "the runs: %s ms): p50 %.2f ms, p99 %.2f ms, max %.2f ms (%,d of %,d acked)%n", side.lowRate(),
                lowFraction * 100, rates(side.lowers().stream().mapToDouble(run -> LatencyStats.of(run).p99Millis()).toArray()),
                relaxed.p50Millis(), relaxed.p99Millis(), relaxed.maxMillis(), relaxed.count(), lower.sent());
        TopicCheck.Outcome check = side.check();
        System.out.printf("         read-back: %,d ACKed events expected, %,d missing, %,d ACKs naming a wrong event id "
                + "(%,d records read)%n", check.acked(), check.missing(), check.ackNamesWrongEvent(), check.recordsRead());
    }

    /**
     * Sends rounds of load for at least {@code seconds}, then until the gateway's JIT compilers are
     * quiet (under {@link #QUIET_JIT} of a round's wall time), at most {@link #MAX_WARMUP}: both
     * JVMs keep compiling for tens of seconds (longer on one CPU), and a measurement taken while
     * the compilers still use a sixth of the gateway's CPU measures the compilers.
     */
    private static void warmUp(Load load, RegisterLoad registers, GatewayUnderTest gateway) throws Exception {
        long start = System.nanoTime();
        long until = start + Duration.ofSeconds(load.warmupSeconds()).toNanos();
        int round = 0;
        while (true) {
            long roundStart = System.nanoTime();
            long jitBefore = gateway.compilerCpuNanos();
            RegisterLoad.Result warm = load.generator().run(() -> registers.run(50_000, load.window(), 0));
            double jitShare = (gateway.compilerCpuNanos() - jitBefore) / (double) (System.nanoTime() - roundStart);
            say("warm-up round %d: %d sent, %d acked, %.0f/s, gateway JIT %.0f %% of the round (not reported)", ++round,
                    warm.sent(), warm.acked(), warm.ackedPerSecond(), jitShare * 100);
            long now = System.nanoTime();
            if (now >= until && jitShare < QUIET_JIT) {
                return;
            }
            if (now - start >= MAX_WARMUP.toNanos()) {
                say("the gateway's JIT is still busy after %d s of warm-up: the measurement includes it",
                        MAX_WARMUP.toSeconds());
                return;
            }
        }
    }

    /** The value size of the gateway's PeerRegistered record for these registrations (the widest device). */
    static int peerRegisteredSize(int devices) {
        return PeerRegistered.newBuilder().setEventId(UUID.randomUUID().toString())
                .setDeviceId(UUID.randomUUID().toString()).setRegistration(RegisterLoad.registration(devices - 1))
                .setSourceAddress("127.0.0.1:54321").setReceivedAtUnixMs(System.currentTimeMillis())
                .setSentAtUnixMs(System.currentTimeMillis()).setKeyId(1).setGatewayId("udp-gateway")
                .build().getSerializedSize();
    }

    /** CPU time of this JVM (the load generator), in nanoseconds. */
    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /**
     * One line per acknowledged datagram: run, wall-clock send time (Unix ms, to line up with the
     * JVMs' {@code -Xlog:gc:...:time} logs) and ACK latency (ms).
     */
    private static void writeLatencies(Path csv, Map<String, RegisterLoad.Result> runs) throws java.io.IOException {
        try (java.io.BufferedWriter out = Files.newBufferedWriter(csv)) {
            out.write("run,sent_unix_ms,latency_ms\n");
            for (Map.Entry<String, RegisterLoad.Result> run : runs.entrySet()) {
                RegisterLoad.Result result = run.getValue();
                for (int i = 0; i < result.sent(); i++) {
                    if (result.latencyNanos()[i] > 0) {
                        double sent = result.startUnixMillis() + (result.sentAtNanos()[i] - result.firstSendNanos()) / 1e6;
                        out.write(String.format(java.util.Locale.ROOT, "%s,%.3f,%.3f%n", run.getKey(), sent,
                                result.latencyNanos()[i] / 1e6));
                    }
                }
            }
        }
    }

    /** One saturation run and the CPU time per acknowledged datagram each process spent in it. */
    private record Saturation(RegisterLoad.Result result, double gatewayCpuMicros, double brokerCpuMicros,
                              double ownCpuMicros) {
    }

    /** The element with the median {@code key} (the upper one of an even count). */
    static <T> T median(List<T> runs, java.util.function.ToDoubleFunction<T> key) {
        List<T> sorted = new ArrayList<>(runs);
        sorted.sort(java.util.Comparator.comparingDouble(key));
        return sorted.get(sorted.size() / 2);
    }

    private static String rates(double[] values) {
        return java.util.Arrays.stream(values).mapToObj(v -> String.format(java.util.Locale.ROOT, "%,.1f", v))
                .collect(java.util.stream.Collectors.joining(" / "));
    }

    private static List<String> jvmOptions(Map<String, String> options, String name) {
        return options.containsKey(name) ? List.of(options.get(name).trim().split("\\s+")) : List.of();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "' (see --help)");
            }
            String name = args[i].substring(2);
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
            }
            options.put(name, args[++i]);
        }
        return options;
    }

    private static void say(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }
}
