package dev.cascade.benchmarks.ingest;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.apache.kafka.tools.ProducerPerformance;

/**
 * Kafka's {@code ProducerPerformance} in a JVM of its own ({@link RawProducerBaseline}), as
 * {@code kafka-producer-perf-test.sh} runs it: once to warm the JIT up, then {@code repeats} times
 * measured, after each of which it prints {@code measured cpu-nanos N}, the CPU time this JVM
 * spent in that run. Arguments: the number of measured runs, then ProducerPerformance's own.
 */
public final class RawProducerMain {

    private RawProducerMain() {
    }

    public static void main(String[] args) throws Exception {
        int repeats = Integer.parseInt(args[0]);
        String[] producerArgs = Arrays.copyOfRange(args, 1, args.length);
        System.out.println("warm-up run");
        ProducerPerformance.main(producerArgs.clone());
        for (int r = 1; r <= repeats; r++) {
            System.out.println("measured run " + r);
            long before = cpuNanos();
            ProducerPerformance.main(producerArgs.clone());
            System.out.println("measured cpu-nanos " + (cpuNanos() - before));
        }
        System.exit(0);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
