package dev.cascade.cli;

import dev.cascade.cli.connector.ConnectorCommand;
import dev.cascade.cli.demo.DemoCommand;
import dev.cascade.cli.license.LicenseCommand;
import dev.cascade.cli.license.VendorCommand;
import dev.cascade.cli.local.LocalCommand;
import dev.cascade.cli.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `cascade`: the admin CLI, the connector stand-in, the local stack, the demo and the fleet simulation. */
@Command(name = "cascade", mixinStandardHelpOptions = true, version = "cascade 0.1.0",
        description = "Cascade: peer-to-peer software distribution for organisations with branch offices.",
        subcommands = {LocalCommand.class, DemoCommand.class, SimulateCommand.class, ConnectorCommand.class, LicenseCommand.class,
                VendorCommand.class})
public final class CascadeMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CascadeMain()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
