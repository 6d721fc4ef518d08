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
 * (it carries a marker file), so a mistyped {@code --data-dir} never deletes someone's data.
 */
final class DemoDataDir {

    static final String MARKER = ".cascade-demo";

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
                if (!empty && !Files.exists(dir.resolve(MARKER))) {
                    throw new DemoException("--data-dir " + dir + " is not empty and was not made by 'cascade demo' (no "
                            + MARKER + " in it): choose another directory; the demo empties its directory on every run");
                }
                deleteContents(dir);
            }
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "made by 'cascade demo': emptied at the start of every run\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
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
