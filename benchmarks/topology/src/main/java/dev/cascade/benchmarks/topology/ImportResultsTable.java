package dev.cascade.benchmarks.topology;

import java.io.PrintStream;
import java.util.List;
import java.util.function.ToDoubleFunction;

/** The import benchmark's results as a Markdown table, one column per format, ready for docs/benchmarks.md. */
final class ImportResultsTable {

    /** Issue 4's target for importing a 10 000-office sheet. */
    static final double TARGET_MILLIS = 10_000;

    private final int offices;
    private final int ranges;
    private final long seed;
    private final double loadAverage;

    ImportResultsTable(int offices, int ranges, long seed, double loadAverage) {
        this.offices = offices;
        this.ranges = ranges;
        this.seed = seed;
        this.loadAverage = loadAverage;
    }

    void print(List<ImportSequence.Result> results, PrintStream out) {
        out.println();
        out.println("== Cascade topology import benchmark ==");
        out.printf("machine: %d cores, Java %s, load average %.1f (1 min, at the end)%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage);
        out.printf("topology: %,d offices, %,d ranges, seed %d; command: %s%n%n", offices, ranges, seed, ImportBenchmark.COMMAND);
        StringBuilder header = new StringBuilder("| step |");
        StringBuilder rule = new StringBuilder("|---|");
        for (ImportSequence.Result result : results) {
            header.append(' ').append(result.format()).append(" |");
            rule.append("---:|");
        }
        out.println(header);
        out.println(rule);
        row(out, results, "sheet size, KiB", r -> r.sheetBytes() / 1024.0);
        row(out, results, "dry run (`POST /topology/import?dryRun=true`), ms", r -> r.dryRun().millis());
        row(out, results, "**apply** into the initial topology (`dryRun=false`), ms", r -> r.apply().millis());
        row(out, results, "apply sent → `/offices/resolve` answers the new office, ms", r -> r.visibleNanos() / 1e6);
        row(out, results, "export (`GET /topology/export`), ms", r -> r.export().millis());
        row(out, results, "second apply of the same file (empty diff), ms", r -> r.reapply().millis());
        row(out, results, "apply of another topology, same ids, every office changed (4th import in this JVM), ms",
                r -> r.applyOther().millis());
        out.println();
        for (ImportSequence.Result result : results) {
            out.printf("%s: import into the initial topology %.0f ms (%s), replacing every office %.0f ms (%s); target ≤ %.0f ms%n",
                    result.format(), result.apply().millis(), verdict(result.apply().millis()), result.applyOther().millis(),
                    verdict(result.applyOther().millis()), TARGET_MILLIS);
        }
    }

    private static String verdict(double millis) {
        return millis <= TARGET_MILLIS ? "met" : "NOT met";
    }

    private static void row(PrintStream out, List<ImportSequence.Result> results, String name,
                            ToDoubleFunction<ImportSequence.Result> value) {
        StringBuilder line = new StringBuilder("| ").append(name).append(" |");
        for (ImportSequence.Result result : results) {
            line.append(String.format(" %,.0f |", value.applyAsDouble(result)));
        }
        out.println(line);
    }
}
