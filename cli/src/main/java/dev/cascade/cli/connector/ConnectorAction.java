package dev.cascade.cli.connector;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;

/**
 * What every {@code cascade connector} command shares: the connector options, and one way to fail — a sentence on
 * standard error naming the command, exit code 1, never a stack trace.
 */
abstract class ConnectorAction implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ConnectorOptions options;

    @Override
    public final Integer call() {
        try {
            return run(spec.commandLine().getOut());
        } catch (ConnectorException | IllegalArgumentException e) {
            spec.commandLine().getErr().println("cascade connector " + spec.name() + ": " + e.getMessage());
            return 1;
        }
    }

    /** Does the work and returns the exit code; throws {@link ConnectorException} for a failure to report. */
    abstract int run(PrintWriter out);

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
