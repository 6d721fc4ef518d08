package dev.cascade.benchmarks.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cascade.testkit.ServiceProcess;

/**
 * Kafka's own {@code ProducerPerformance} ({@link RawProducerMain}, a JVM of its own on the
 * gateway's CPUs, with the options of {@code kafka-producer-perf-test.sh}) against the same broker:
 * the ceiling the gateway's Kafka write path can approach. Same record count and value size as the
 * gateway's PeerRegistered records, acks=all, enable.idempotence=true and the gateway's linger.ms.
 */
final class RawProducerBaseline {

    /** Kafka's summary line: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, ...". */
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");
    private static final Pattern CPU = Pattern.compile("measured cpu-nanos (\\d+)");

    record Outcome(long records, double recordsPerSecond, double avgMillis, double maxMillis, long p50Millis,
                   long p99Millis, String summaryLine, double cpuMicrosPerRecord, double warmUpRecordsPerSecond,
                   double brokerCpuMicrosPerRecord, double[] runsPerSecond) {
    }

    /**
     * Runs the warm-up and the measured run in one child JVM behind {@code launcher} (e.g. taskset),
     * its output in {@code log}; {@code brokerCpuNanos} is read when the measured run starts and
     * after it ended, for the broker's CPU per record.
     */
    static Outcome run(String bootstrapServers, String topic, int records, int recordSize, int repeats,
                       List<String> launcher, Path log, LongSupplier brokerCpuNanos) {
        List<String> command = ChildJvms.command(launcher, ChildJvms.KAFKA_PERF_TEST, Map.of(),
                ChildJvms.main(RawProducerMain.class, List.of(Integer.toString(repeats),
                        "--topic", topic, "--num-records", Integer.toString(records),
                        "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                        "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all",
                        "enable.idempotence=true", "linger.ms=2")));
        ServiceProcess process = ServiceProcess.launch("raw-producer", command, log, "");
        long deadline = System.nanoTime() + Duration.ofMinutes(30).toNanos();
        while (process.alive() && !contains(log, "measured run 1") && System.nanoTime() < deadline) {
            sleep(5);
        }
        long brokerBefore = brokerCpuNanos.getAsLong();
        if (!process.awaitExit(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
            process.stop(5);
            throw new IllegalStateException("ProducerPerformance did not finish within 30 minutes; see " + log);
        }
        String output;
        try {
            output = Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read ProducerPerformance's output " + log + ": " + e.getMessage(), e);
        }
        if (process.exitCode() != 0) {
            throw new IllegalStateException("ProducerPerformance exited with code " + process.exitCode() + ":\n"
                    + process.logTail(30));
        }
        double brokerPerRecord = (brokerCpuNanos.getAsLong() - brokerBefore) / 1e3 / ((double) records * repeats);
        return parse(output, records, repeats, brokerPerRecord);
    }

    private static boolean contains(Path log, String line) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8).contains(line);
        } catch (IOException e) {
            return false; // not written yet
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ProducerPerformance runs", e);
        }
    }

    /**
     * The warm-up's and the measured runs' summary lines and the measured runs' CPU times from
     * {@code output}; the outcome is the measured run with the median rate (the broker's CPU is the
     * mean over all measured runs).
     */
    static Outcome parse(String output, int records, int repeats, double brokerCpuMicrosPerRecord) {
        List<Matcher> summaries = new ArrayList<>();
        Matcher matcher = SUMMARY.matcher(output);
        while (matcher.find()) {
            Matcher found = SUMMARY.matcher(output);
            found.find(matcher.start());
            summaries.add(found);
        }
        List<Long> cpu = new ArrayList<>();
        Matcher cpuLine = CPU.matcher(output);
        while (cpuLine.find()) {
            cpu.add(Long.parseLong(cpuLine.group(1)));
        }
        if (summaries.size() != repeats + 1 || cpu.size() != repeats) {
            throw new IllegalStateException("expected " + (repeats + 1) + " ProducerPerformance summary lines and "
                    + repeats + " measured CPU times, got:\n" + output);
        }
        double[] rates = new double[repeats];
        Integer[] order = new Integer[repeats];
        for (int r = 0; r < repeats; r++) {
            rates[r] = Double.parseDouble(summaries.get(r + 1).group(2));
            order[r] = r;
        }
        java.util.Arrays.sort(order, java.util.Comparator.comparingDouble(r -> rates[r]));
        int median = order[repeats / 2];
        Matcher last = summaries.get(median + 1);
        return new Outcome(Long.parseLong(last.group(1)), rates[median],
                Double.parseDouble(last.group(4)), Double.parseDouble(last.group(5)), Long.parseLong(last.group(6)),
                Long.parseLong(last.group(8)), last.group(0), cpu.get(median) / 1e3 / records,
                Double.parseDouble(summaries.get(0).group(2)), brokerCpuMicrosPerRecord, rates);
    }
}
