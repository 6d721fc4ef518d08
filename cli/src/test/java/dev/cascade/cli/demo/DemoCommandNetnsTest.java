package dev.cascade.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code cascade demo --netns} where it cannot run: it says why and starts nothing. */
class DemoCommandNetnsTest {

    @TempDir
    Path tmp;

    @Test
    void withoutRootItExitsOneWithTheReasonBeforeTouchingAnything() {
        DemoCommand command = new DemoCommand();
        command.netnsUnavailable = () -> Optional.of("network namespace tests need root (effective uid is 1000)");
        Path data = tmp.resolve("demo");

        Run run = run(command, "--netns", "--data-dir", data.toString(), "--home", tmp.toString());

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains("cascade demo: --netns needs root and iproute2 (network namespace tests need root"
                + " (effective uid is 1000)); run without --netns for the loopback variant");
        assertThat(run.out).isEmpty();
        assertThat(data).as("nothing started, the data directory untouched").doesNotExist();
    }

    @Test
    void withoutTheAgentJarItSaysWhereItLookedAndStartsNothing() {
        DemoCommand command = new DemoCommand();
        command.netnsUnavailable = Optional::empty;
        Path data = tmp.resolve("demo");

        Run run = run(command, "--netns", "--data-dir", data.toString(), "--home", tmp.toString());

        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains(tmp.resolve("agent/target/cascade-agent.jar").toString()).contains("does not exist");
        assertThat(data).doesNotExist();
    }

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(DemoCommand command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(command);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }
}
