package dev.cascade.cli.demo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import dev.cascade.cli.CascadeMain;
import picocli.CommandLine;

/**
 * The demo's admin and connector steps are the CLI's own commands ({@code cascade vendor}, {@code license},
 * {@code connector}), run in this JVM with their output captured: the demo does what an admin would type.
 */
final class CliSteps {

    /** What one command printed. */
    record Output(String out, String err) {

        /** Its last non-blank line of standard output, for a one-line report. */
        String lastLine() {
            List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
        }
    }

    /** Runs {@code cascade args...}; a non-zero exit is a {@link DemoException} with what the command said. */
    static Output run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = new CommandLine(new CascadeMain());
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int exit = command.execute(args);
        if (exit != 0) {
            throw new DemoException("'cascade " + String.join(" ", args) + "' failed (exit " + exit + "): "
                    + (err.toString().isBlank() ? out.toString() : err.toString()).trim());
        }
        return new Output(out.toString(), err.toString());
    }

    private CliSteps() {
    }
}
