package dev.cascade.benchmarks.ingest;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.cascade.testkit.ServiceProcess;

/** How the benchmark starts its child JVMs (broker, gateway, raw producer): behind a launcher such as taskset. */
final class ChildJvms {

    /** KAFKA_JVM_PERFORMANCE_OPTS of Kafka's kafka-run-class.sh. */
    private static final List<String> KAFKA_PERFORMANCE = List.of("-server", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
            "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent", "-XX:MaxInlineLevel=15",
            "-Djava.awt.headless=true");
    /** KAFKA_HEAP_OPTS of kafka-server-start.sh, then the performance options. */
    static final List<String> KAFKA_SERVER = kafka("-Xmx1G", "-Xms1G");
    /** KAFKA_HEAP_OPTS of kafka-producer-perf-test.sh, then the performance options. */
    static final List<String> KAFKA_PERF_TEST = kafka("-Xmx512M");

    private ChildJvms() {
    }

    private static List<String> kafka(String... heap) {
        List<String> options = new ArrayList<>(List.of(heap));
        options.addAll(KAFKA_PERFORMANCE);
        return List.copyOf(options);
    }

    /** {@code launcher} (may be empty), then {@code java <jvm> -D<key>=<value>... <target>}. */
    static List<String> command(List<String> launcher, List<String> jvm, Map<String, String> systemProperties,
                                List<String> target) {
        List<String> command = new ArrayList<>(launcher);
        command.addAll(ServiceProcess.javaCommand(jvm, systemProperties, target));
        return command;
    }

    /** {@code -cp <this benchmark's class path> <main> <arguments>}, the class path absolute. */
    static List<String> main(Class<?> main, List<String> arguments) {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            entries.add(Path.of(entry).toAbsolutePath().toString()); // the jar's manifest names the libraries beside it
        }
        List<String> target = new ArrayList<>(List.of("-cp", String.join(File.pathSeparator, entries), main.getName()));
        target.addAll(arguments);
        return target;
    }

    /**
     * CPU time the JIT compiler threads ("C1 CompilerThre...", "C2 CompilerThre...") of JVM {@code pid}
     * have used so far, in nanoseconds, from {@code /proc/<pid>/task/<tid>/stat} (utime + stime in
     * USER_HZ, 100 per second on Linux); 0 where there is no /proc.
     */
    static long compilerCpuNanos(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long ticks = 0;
        try (java.util.stream.Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                try {
                    String name = Files.readString(thread.resolve("comm"));
                    if (!name.matches("C[12] CompilerThre.*\\s*")) {
                        continue;
                    }
                    String stat = Files.readString(thread.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
                } catch (IOException e) {
                    continue; // the thread ended between listing and reading: it uses no more CPU
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return ticks * 10_000_000L;
    }
}
