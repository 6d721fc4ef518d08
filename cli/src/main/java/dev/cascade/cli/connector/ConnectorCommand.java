package dev.cascade.cli.connector;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code cascade connector}: the stand-in for a UEM console's connector (protocol.md §11, §16), speaking the real
 * UDP protocol from the connector's port: activate the server, check its status, rotate the shared key, publish content.
 */
@Command(name = "connector", mixinStandardHelpOptions = true,
        description = {"The connector stand-in: activate the server, check its status, generate a new shared key and",
                "publish content, over the UDP protocol (docs/protocol.md §11, §16). Exit code 0 done, 1 refused or",
                "failed (the reason is printed), 2 bad usage."},
        subcommands = {ActivateCommand.class, StatusCommand.class, RotateKeyCommand.class, PublishCommand.class})
public final class ConnectorCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
