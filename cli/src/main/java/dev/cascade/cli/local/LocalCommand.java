package dev.cascade.cli.local;

import picocli.CommandLine.Command;

@Command(name = "local", mixinStandardHelpOptions = true,
        description = "Run Cascade on this machine on its embedded defaults (Kafka in-process, H2 databases).",
        subcommands = {LocalUpCommand.class})
public final class LocalCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
