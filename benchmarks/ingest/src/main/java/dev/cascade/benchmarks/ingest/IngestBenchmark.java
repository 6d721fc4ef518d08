package dev.cascade.benchmarks.ingest;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.testkit.EmbeddedKafkaBroker;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;

/**
 * How close the gateway's ingest path (UDP in, HMAC, validation, Kafka acks=all, ACK out) comes to
 * Kafka's own producer on the same broker, and what ACK latency a peer sees at saturation and at
 * half of it. Starts a real embedded KRaft broker in a temporary directory and the gateway's
 * embedded build as a child JVM; nothing is mocked.
 *
 * <pre>
 * java -jar benchmarks/ingest/target/ingest-benchmark.jar [--count 200000] [--devices 5000]
 *      [--window 2000] [--warmup-seconds 60] [--low-rate-fraction 0.5] [--gateway-jar PATH] [--gateway-heap 1g]
 *      [--isolate-generator auto|true|false]
 *      [--gateway-jvm "-XX:StartFlightRecording=filename=gw.jfr"]
 * </pre>
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int count = Integer.parseInt(options.getOrDefault("count", "200000"));
        int devices = Integer.parseInt(options.getOrDefault("devices", "5000"));
        int window = Integer.parseInt(options.getOrDefault("window", "2000"));
        double lowFraction = Double.parseDouble(options.getOrDefault("low-rate-fraction", "0.5"));
        int warmupSeconds = Integer.parseInt(options.getOrDefault("warmup-seconds", "60"));
        String isolate = options.getOrDefault("isolate-generator", "auto");
        Path jar = Path.of(options.getOrDefault("gateway-jar",
                "services/udp-gateway/target/embedded-app/quarkus-run.jar")).toAbsolutePath();
        String heap = options.getOrDefault("gateway-heap", "1g");
        List<String> gatewayJvm = options.containsKey("gateway-jvm")
                ? List.of(options.get("gateway-jvm").trim().split("\\s+")) : List.of();
        Path work = Files.createTempDirectory("cascade-ingest-benchmark-");

        say("ingest benchmark: %d REGISTERs from %d device ids, window %d; work dir %s", count, devices, window, work);
        Generator generator = Generator.start(pinning(isolate));
        say("CPUs: %s", generator.describe());
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0, 0)) {
            String rawTopic = "cascade.benchmark.raw-producer";
            broker.createTopics(3, List.of(Topics.PEER_REGISTRATIONS, rawTopic));
            Path keyFile = work.resolve("keys.properties");
            KeyFile.createIfMissing(keyFile);
            WireKey fleet = KeyFile.current(keyFile, KeyPurpose.FLEET);

            RegisterLoad.Result saturation;
            RegisterLoad.Result lower;
            TopicCheck.Outcome check;
            double lowRate;
            double gatewayCpuPerAck;
            double ownCpuPerAck;
            try (GatewayProcess gateway = GatewayProcess.start(jar, work.resolve("gateway"), broker.bootstrapServers(),
                    keyFile, heap, gatewayJvm)) {
                generator.pinning().ifPresent(pinning -> pinning.pinToSystem(gateway.pid()));
                InetSocketAddress address = gateway.awaitReady(Duration.ofSeconds(120));
                say("gateway ready on UDP %s (log %s)", address, gateway.log());
                RegisterLoad load = new RegisterLoad(address, fleet, devices);

                warmUp(generator, load, window, warmupSeconds);
                long gatewayCpuBefore = gateway.cpuNanos();
                long ownCpuBefore = ownCpuNanos();
                saturation = generator.run(() -> load.run(count, window, 0));
                gatewayCpuPerAck = (gateway.cpuNanos() - gatewayCpuBefore) / 1e3 / saturation.acked();
                ownCpuPerAck = (ownCpuNanos() - ownCpuBefore) / 1e3 / saturation.acked();
                say("saturation: %d sent, %d acked, %d rejected, %.0f acked/s", saturation.sent(), saturation.acked(),
                        saturation.rejected(), saturation.ackedPerSecond());

                lowRate = saturation.ackedPerSecond() * lowFraction;
                int lowCount = Math.max(10_000, count / 2);
                double offered = lowRate;
                lower = generator.run(() -> load.run(lowCount, window, offered));
                say("offered %.0f/s: %d sent, %d acked, %.0f acked/s", lowRate, lower.sent(), lower.acked(),
                        lower.ackedPerSecond());
                say("gateway queue_full drops: %.0f, publish failures: %.0f",
                        gateway.metric("cascade_gateway_datagrams_rejected_total{reason=\"queue_full\"}"),
                        gateway.metric("cascade_gateway_kafka_publish_failures_total"));

                check = TopicCheck.check(broker.bootstrapServers(), Topics.PEER_REGISTRATIONS, saturation);
            }

            int recordSize = peerRegisteredSize(devices);
            say("raw producer: kafka-tools ProducerPerformance, %d records of %d bytes, acks=all, idempotent", count,
                    recordSize);
            RawProducerBaseline.Outcome rawWarm = RawProducerBaseline.run(broker.bootstrapServers(), rawTopic, count,
                    recordSize);
            say("raw producer warm-up: %.0f records/s (not reported)", rawWarm.recordsPerSecond());
            RawProducerBaseline.Outcome raw = RawProducerBaseline.run(broker.bootstrapServers(), rawTopic, count,
                    recordSize);

            LatencyStats saturated = LatencyStats.of(saturation);
            LatencyStats relaxed = LatencyStats.of(lower);
            System.out.println();
            System.out.println("== Cascade ingest benchmark ==");
            System.out.printf("machine: %d cores, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            System.out.printf("CPUs: %s%n", generator.describe());
            System.out.printf("gateway  (REGISTER -> PeerRegistered, acks=all, ACK after Kafka): %,d acked of %,d sent, %,.0f acked/s%n",
                    saturation.acked(), saturation.sent(), saturation.ackedPerSecond());
            System.out.printf("raw      (ProducerPerformance, %d-byte values, acks=all, idempotent):  %,d records, %,.0f records/s%n",
                    recordSize, raw.records(), raw.recordsPerSecond());
            System.out.printf("ratio gateway/raw: %.2f%n", saturation.ackedPerSecond() / raw.recordsPerSecond());
            System.out.printf("CPU per acked datagram at saturation: gateway %.1f µs, load generator + broker %.1f µs "
                    + "(raw producer + broker: %.1f µs per record)%n", gatewayCpuPerAck, ownCpuPerAck, raw.cpuMicrosPerRecord());
            System.out.printf("ACK latency at saturation (window %d): p50 %.2f ms, p99 %.2f ms, max %.2f ms (%,d ACKs)%n",
                    window, saturated.p50Millis(), saturated.p99Millis(), saturated.maxMillis(), saturated.count());
            System.out.printf("ACK latency at %.0f/s offered (%.0f%% of saturation): p50 %.2f ms, p99 %.2f ms, max %.2f ms "
                    + "(%,d of %,d acked)%n", lowRate, lowFraction * 100, relaxed.p50Millis(), relaxed.p99Millis(),
                    relaxed.maxMillis(), relaxed.count(), lower.sent());
            System.out.printf("raw producer latency: avg %.2f ms, p50 %d ms, p99 %d ms, max %.2f ms%n", raw.avgMillis(),
                    raw.p50Millis(), raw.p99Millis(), raw.maxMillis());
            System.out.printf("read-back: %,d ACKed events expected, %,d missing from %s, %,d ACKs naming a wrong event id "
                    + "(%,d records read)%n", check.acked(), check.missing(), Topics.PEER_REGISTRATIONS,
                    check.ackNamesWrongEvent(), check.recordsRead());
            if (check.missing() > 0 || check.ackNamesWrongEvent() > 0) {
                System.out.println("FAILED: an acknowledged registration is not on the topic");
                System.exit(1);
            }
        }
        System.exit(0); // the broker's and producers' non-daemon threads must not keep the JVM
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

    /**
     * Sends rounds of load until {@code seconds} have passed: both JVMs (the gateway, and this one
     * with the broker) keep compiling for tens of seconds, and a measurement taken while the JIT
     * compilers still use a third of the two cores measures the compilers.
     */
    private static void warmUp(Generator generator, RegisterLoad load, int window, int seconds) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        int round = 0;
        do {
            RegisterLoad.Result warm = generator.run(() -> load.run(50_000, window, 0));
            say("warm-up round %d: %d sent, %d acked, %.0f/s (not reported)", ++round, warm.sent(), warm.acked(),
                    warm.ackedPerSecond());
        } while (System.nanoTime() < until);
    }

    /** The value size of the gateway's PeerRegistered record for these registrations (the widest device). */
    static int peerRegisteredSize(int devices) {
        return PeerRegistered.newBuilder().setEventId(UUID.randomUUID().toString())
                .setDeviceId(UUID.randomUUID().toString()).setRegistration(RegisterLoad.registration(devices - 1))
                .setSourceAddress("127.0.0.1:54321").setReceivedAtUnixMs(System.currentTimeMillis())
                .setSentAtUnixMs(System.currentTimeMillis()).setKeyId(1).setGatewayId("udp-gateway")
                .build().getSerializedSize();
    }

    /** CPU time of this JVM (load generator, embedded broker, raw producer), in nanoseconds. */
    static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static void say(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }
}
