package dev.cascade.cli.license;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cascade vendor}: the license vendor's tools, run where the private signing key is kept. */
@Command(name = "vendor", mixinStandardHelpOptions = true,
        description = {"The license vendor's tools: make a signing key pair and issue signed license files.",
                "Run them where the private key is kept, never on a customer's server."},
        subcommands = {VendorKeygenCommand.class, VendorIssueLicenseCommand.class})
public final class VendorCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
