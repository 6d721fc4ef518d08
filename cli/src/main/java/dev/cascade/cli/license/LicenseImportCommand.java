package dev.cascade.cli.license;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.cli.license.LicensingApi.LicensingApiException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Import a license file. licensing-service verifies its signature and validity period and keeps it;",
                "the valid license issued last sets the purchased seats. Exit code 0 imported (or imported before),",
                "1 refused (the reason is printed) or licensing-service unreachable."})
final class LicenseImportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The license file (JSON, as `cascade vendor issue-license` writes)")
    Path file;

    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            spec.commandLine().getErr().println("cascade license import: cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        try {
            LicensingApi.Answer answer = service.api().post("/licenses", text);
            if (answer.status() != 200 && answer.status() != 201) {
                spec.commandLine().getErr().println("cascade license import: refused, " + answer.error());
                return 1;
            }
            JsonNode license = answer.json();
            spec.commandLine().getOut().printf("%s license %s: %s, %d seats, valid %s to %s%s%n",
                    answer.status() == 201 ? "imported" : "already imported", license.path("licenseKey").asText(),
                    license.path("customer").asText(), license.path("seats").asLong(), license.path("validFrom").asText(),
                    license.path("validUntil").asText(),
                    license.path("active").asBoolean() ? " (active)" : " (not active: a license issued later counts)");
            return 0;
        } catch (LicensingApiException e) {
            spec.commandLine().getErr().println("cascade license import: " + e.getMessage());
            return 1;
        }
    }
}
