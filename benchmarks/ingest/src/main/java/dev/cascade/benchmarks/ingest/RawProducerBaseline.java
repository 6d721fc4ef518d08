package dev.cascade.benchmarks.ingest;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka's own {@code ProducerPerformance}, in this JVM, against the same broker: the ceiling the
 * gateway's Kafka write path can approach. Same record count and value size as the gateway's
 * PeerRegistered records, acks=all, enable.idempotence=true and the gateway's linger.ms.
 */
final class RawProducerBaseline {

    /** Kafka's summary line: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, ...". */
    private static final Pattern SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, "
                    + "([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    record Outcome(long records, double recordsPerSecond, double avgMillis, double maxMillis, long p50Millis,
                   long p99Millis, String summaryLine, double cpuMicrosPerRecord) {
    }

    static Outcome run(String bootstrapServers, String topic, int records, int recordSize) throws Exception {
        String[] args = {"--topic", topic, "--num-records", Integer.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrapServers, "acks=all", "enable.idempotence=true",
                "linger.ms=2"};
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        long cpuBefore = IngestBenchmark.ownCpuNanos();
        long cpuAfter;
        try {
            ProducerPerformance.main(args);
        } finally {
            cpuAfter = IngestBenchmark.ownCpuNanos();
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        Matcher last = null;
        Matcher matcher = SUMMARY.matcher(output);
        while (matcher.find()) {
            last = SUMMARY.matcher(output);
            last.find(matcher.start());
        }
        if (last == null) {
            throw new IllegalStateException("ProducerPerformance printed no summary line:\n" + output);
        }
        return new Outcome(Long.parseLong(last.group(1)), Double.parseDouble(last.group(2)),
                Double.parseDouble(last.group(4)), Double.parseDouble(last.group(5)), Long.parseLong(last.group(6)),
                Long.parseLong(last.group(8)), last.group(0), (cpuAfter - cpuBefore) / 1e3 / records);
    }
}
