package dev.cascade.cli.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The metric names Cascade's code registers: every {@code "cascade_..."} literal in the main sources of services and libraries. */
record WrittenMetrics(SortedSet<String> names) {

    private static final Pattern METRIC_LITERAL = Pattern.compile("\"(cascade_[a-z0-9_]+)\"");
    /** Series Micrometer adds to a timer's (or histogram's) name in Prometheus. */
    private static final List<String> TIMER_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");

    static WrittenMetrics scan(Path repository) throws IOException {
        SortedSet<String> names = new TreeSet<>();
        for (String root : List.of("services", "libs")) {
            try (Stream<Path> files = Files.walk(repository.resolve(root))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/")).toList()) {
                    Matcher matcher = METRIC_LITERAL.matcher(Files.readString(file));
                    while (matcher.find()) {
                        names.add(matcher.group(1));
                    }
                }
            }
        }
        return new WrittenMetrics(names);
    }

    /** Whether a series name PromQL reads is one of these metrics, or one of a timer's series. */
    boolean writes(String series) {
        return names.contains(series) || TIMER_SUFFIXES.stream()
                .anyMatch(suffix -> series.endsWith(suffix) && names.contains(series.substring(0, series.length() - suffix.length())));
    }
}
