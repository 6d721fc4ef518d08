package dev.cascade.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataDirTest {

    @TempDir
    Path dir;

    @Test
    void aDirectoryAnEarlierDemoMadeIsEmptiedAndMarkedAgain() throws Exception {
        Path demo = dir.resolve("demo");
        DemoDataDir.prepare(demo);
        Files.createDirectories(demo.resolve("agents/north-pc-01/cache"));
        Files.writeString(demo.resolve("agents/north-pc-01/cache/data"), "old bytes");

        DemoDataDir.prepare(demo);

        assertThat(demo.resolve("agents")).doesNotExist();
        assertThat(demo.resolve(DemoDataDir.MARKER)).exists();
    }

    @Test
    void someoneElsesDataIsNeverDeleted() throws Exception {
        Files.writeString(dir.resolve("thesis.tex"), "years of work");

        assertThatThrownBy(() -> DemoDataDir.prepare(dir)).isInstanceOf(DemoException.class)
                .hasMessageContaining("--data-dir " + dir).hasMessageContaining("not made by 'cascade demo'");
        assertThat(dir.resolve("thesis.tex")).hasContent("years of work");
        assertThat(dir.resolve(DemoDataDir.MARKER)).doesNotExist();
    }

    @Test
    void aDemoStillRunningInTheDirectoryIsNotEmptiedUnderIt() throws Exception {
        // a live java process that is not this JVM: a child JVM that waits
        Path source = Files.writeString(dir.resolve("Wait.java"),
                "class Wait { public static void main(String[] a) throws Exception { Thread.sleep(120_000); } }");
        Process sleeper = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx16m",
                source.toString()).redirectErrorStream(true).start();
        try {
            Path demo = dir.resolve("demo");
            DemoDataDir.prepare(demo);
            Files.writeString(demo.resolve(DemoDataDir.MARKER), "made by 'cascade demo'\npid=" + sleeper.pid() + "\n");
            Files.writeString(demo.resolve("in-use"), "x");

            assertThatThrownBy(() -> DemoDataDir.prepare(demo)).isInstanceOf(DemoException.class)
                    .hasMessageContaining("another 'cascade demo' (pid " + sleeper.pid() + ") is running");
            assertThat(demo.resolve("in-use")).exists();

            sleeper.destroyForcibly().waitFor();
            DemoDataDir.prepare(demo); // its owner gone: emptied
            assertThat(demo.resolve("in-use")).doesNotExist();
            assertThat(DemoDataDir.runningOwner(Files.readString(demo.resolve(DemoDataDir.MARKER)))).isEmpty();
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aFileIsNotADataDirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> DemoDataDir.prepare(file)).isInstanceOf(DemoException.class).hasMessageContaining("is a file");
    }
}
