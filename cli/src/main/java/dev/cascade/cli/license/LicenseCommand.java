package dev.cascade.cli.license;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code cascade license}: the admin's license commands against licensing-service. */
@Command(name = "license", mixinStandardHelpOptions = true,
        description = "Import and show the license, and print the billing report (licensing-service over REST).",
        subcommands = {LicenseImportCommand.class, LicenseShowCommand.class, LicenseReportCommand.class})
public final class LicenseCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
