package dev.cascade.benchmarks.topology;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.cascade.contracts.Topics;
import dev.cascade.testkit.EmbeddedKafkaBroker;
import dev.cascade.topology.model.PeerPlacement;
import dev.cascade.topology.model.SheetFormat;
import dev.cascade.topology.model.Topology;
import dev.cascade.topology.model.TopologyGenerator;
import dev.cascade.topology.model.TopologySheetWriter;

/**
 * How long importing a 10 000-office topology spreadsheet takes through the real topology-service
 * (issue 4: ≤ 10 s). Starts a real embedded KRaft broker and the service's embedded build (H2 on
 * disk) as a child JVM, generates the topology ({@link TopologyGenerator}, 100 000 ranges, seed 4),
 * writes it as CSV and as XLSX, and for each format — against a fresh service with a fresh data
 * directory, so both apply into the initial topology — times the dry run, the apply, the time until
 * resolution sees the new offices, the export, a second apply of the same file, and the apply of
 * another topology with the same office ids. The first import runs on a cold service, as when an
 * admin imports a topology after a restart; the last apply runs on a JVM that has imported three times.
 *
 * <pre>
 * java -jar benchmarks/topology/target/topology-import-benchmark.jar [--offices 10000] [--ranges 100000]
 *      [--seed 4] [--formats csv,xlsx] [--service-jar PATH] [--service-heap 2g]
 *      [--service-jvm "-XX:StartFlightRecording=filename=topo.jfr"] [--server-ip 10.0.0.10] [--timeout-seconds 300]
 * </pre>
 */
public final class ImportBenchmark {

    static final String COMMAND = "java -jar benchmarks/topology/target/topology-import-benchmark.jar";

    private static final List<String> OPTIONS = List.of("offices", "ranges", "seed", "formats", "service-jar", "service-heap",
            "service-jvm", "server-ip", "timeout-seconds");

    private ImportBenchmark() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(HarnessOptions.parse(args, OPTIONS));
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("topology import benchmark failed: " + e.getMessage());
            code = 1;
        } catch (Exception e) {
            e.printStackTrace();
            code = 1;
        }
        System.exit(code); // the broker's non-daemon threads must not keep the JVM
    }

    private static int run(HarnessOptions options) throws Exception {
        int offices = options.positive("offices", 10_000);
        int ranges = options.positive("ranges", 100_000);
        long seed = options.positive("seed", 4);
        List<SheetFormat> formats = formats(options.text("formats", "csv,xlsx"));
        Path jar = Path.of(options.text("service-jar", "services/topology-service/target/embedded-app/quarkus-run.jar"))
                .toAbsolutePath();
        // 2 GB: with 1 GB the service spends much of a 10 000-office import in GC (docs/benchmarks.md)
        String heap = options.text("service-heap", "2g");
        List<String> serviceJvm = options.has("service-jvm") ? List.of(options.text("service-jvm", "").strip().split("\\s+"))
                : List.of();
        Map<String, String> serviceProperties = new LinkedHashMap<>();
        if (options.has("server-ip")) {
            serviceProperties.put("cascade.topology.server-ip", options.text("server-ip", ""));
        }
        Duration timeout = Duration.ofSeconds(options.positive("timeout-seconds", 300));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("topology-service is not built (missing " + jar
                    + "). Build it with: ./mvnw -B -DskipTests install -pl services/topology-service");
        }
        Path work = Files.createTempDirectory("cascade-topology-benchmark-");
        say("topology import benchmark: %,d offices, %,d ranges (seed %d), formats %s; work dir %s (removed after a "
                + "successful run)", offices, ranges, seed, formats, work);

        long generateStart = System.nanoTime();
        TopologyGenerator generator = new TopologyGenerator(seed);
        Topology topology = generator.generate(offices, ranges);
        ImportSequence.Probe probe = probe(generator, topology);
        // the same office ids with other parents, types and ranges: the last apply changes every office
        Topology other = new TopologyGenerator(seed + 1).generate(offices, ranges);
        Map<SheetFormat, byte[]> sheets = new LinkedHashMap<>();
        Map<SheetFormat, byte[]> otherSheets = new LinkedHashMap<>();
        for (SheetFormat format : formats) {
            sheets.put(format, TopologySheetWriter.toBytes(topology, format));
            otherSheets.put(format, TopologySheetWriter.toBytes(other, format));
        }
        say("generated and written in %.1f s; probe address %s must move to office %s", (System.nanoTime() - generateStart) / 1e9,
                probe.ip(), probe.officeId());

        List<ImportSequence.Result> results = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(work.resolve("kafka"), 0, 0)) {
            broker.createTopics(3, List.of(Topics.TOPOLOGY_CHANGES));
            for (SheetFormat format : formats) {
                Path dataDir = work.resolve(format.extension());
                try (TopologyServiceProcess service = TopologyServiceProcess.start(jar, dataDir, broker.bootstrapServers(), heap,
                        serviceJvm, serviceProperties)) {
                    service.awaitReady(Duration.ofSeconds(180));
                    say("%s: topology-service ready at %s (log %s)", format, service.url(), service.log());
                    ImportSequence sequence = new ImportSequence(new TopologyApi(service.url(), timeout), offices, probe, timeout);
                    ImportSequence.Result result = sequence.run(sheets.get(format), otherSheets.get(format), format);
                    say("%s: dry run %.0f ms, apply %.0f ms, visible %.0f ms, export %.0f ms, second apply %.0f ms, "
                                    + "apply of another topology %.0f ms", format, result.dryRun().millis(), result.apply().millis(),
                            result.visibleNanos() / 1e6, result.export().millis(), result.reapply().millis(),
                            result.applyOther().millis());
                    say("%s: apply answered %s", format, result.apply().head());
                    say("%s: second apply answered %s", format, result.reapply().head());
                    say("%s: peer moves: %s", format, result.dryRun().string("peerMovesUnavailable")
                            .map(reason -> "unavailable, as intended (" + reason + ")")
                            .orElse("listed (metadata-service answered: the measurement includes listing the peers)"));
                    say("%s: the service's own account (its log):%n%s", format, service.ownAccount());
                    results.add(result);
                }
            }
        }
        new ImportResultsTable(offices, ranges, seed, loadAverage()).print(results, System.out);
        deleteTree(work); // broker log and H2 files; kept when the run fails, for its logs
        return 0;
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** An address the generated topology puts in an office other than the central one. */
    private static ImportSequence.Probe probe(TopologyGenerator generator, Topology topology) {
        for (PeerPlacement peer : generator.peers(topology, 100)) {
            if (!peer.officeId().equals(topology.central().id())) {
                return new ImportSequence.Probe(peer.ip(), peer.officeId());
            }
        }
        throw new IllegalStateException("none of 100 generated peers is outside the central office: is the topology empty?");
    }

    private static List<SheetFormat> formats(String text) {
        List<SheetFormat> formats = new ArrayList<>();
        for (String name : text.split(",")) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            formats.add(java.util.Arrays.stream(SheetFormat.values()).filter(format -> format.extension().equals(wanted))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("--formats: unknown format '" + name
                            + "'; expected csv, xlsx or both separated by a comma")));
        }
        return formats;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void say(String format, Object... args) {
        System.out.printf(format + "%n", args);
    }
}
