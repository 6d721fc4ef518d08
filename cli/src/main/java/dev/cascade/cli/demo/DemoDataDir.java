package dev.cascade.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.stream.Stream;

/**
 * The demo starts from nothing every run: its directory is emptied first — but only a directory an earlier demo made
 * (it carries a marker file), so a mistyped {@code --data-dir} never deletes someone's data; and never while the demo
 * that wrote the marker (its pid is in it) still runs there.
 */
final class DemoDataDir {

    static final String MARKER = ".cascade-demo";
    private static final String OWNER = "pid=";

    private DemoDataDir() {
    }

    static void prepare(Path dir) {
        try {
            if (Files.exists(dir)) {
                if (!Files.isDirectory(dir)) {
                    throw new DemoException("--data-dir " + dir + " is a file, not a directory");
                }
                boolean empty;
                try (Stream<Path> entries = Files.list(dir)) {
                    empty = entries.findAny().isEmpty();
                }
                Path marker = dir.resolve(MARKER);
                if (!empty && !Files.exists(marker)) {
                    throw new DemoException("--data-dir " + dir + " is not empty and was not made by 'cascade demo' (no "
                            + MARKER + " in it): choose another directory; the demo empties its directory on every run");
                }
                if (Files.exists(marker)) {
                    runningOwner(Files.readString(marker)).ifPresent(pid -> {
                        throw new DemoException("another 'cascade demo' (pid " + pid + ") is running in --data-dir " + dir
                                + ": wait for it, stop it, or choose another directory");
                    });
                }
                deleteContents(dir);
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "made by 'cascade demo': emptied at the start of every run\n"
                    + OWNER + ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The pid the marker names, when that process is alive, another JVM, and not this one. */
    static java.util.Optional<Long> runningOwner(String marker) {
        return marker.lines().filter(line -> line.startsWith(OWNER)).findFirst().flatMap(line -> {
            try {
                return java.util.Optional.of(Long.parseLong(line.substring(OWNER.length()).trim()));
            } catch (NumberFormatException e) {
                return java.util.Optional.empty(); // a marker edited by hand: no owner to protect
            }
        }).filter(pid -> pid != ProcessHandle.current().pid()).filter(pid -> ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("java")).orElse(true)).isPresent());
    }

    private static void deleteContents(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path visited, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (!visited.equals(dir)) {
                    Files.delete(visited);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
