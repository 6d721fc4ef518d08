package dev.cascade.cli.license;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.cli.license.LicensingApi.LicensingApiException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show the active license and the seats used, purchased and over.")
final class LicenseShowCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--all", description = "Also list every imported license, the newest import first")
    boolean all;

    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try {
            LicensingApi api = service.api();
            LicensingApi.Answer current = api.get("/licenses/current", "application/json");
            if (current.status() == 200) {
                JsonNode license = current.json();
                out.printf("license   %s%ncustomer  %s%nseats     %d%nvalid     %s to %s%nissued    %s (key %s)%n",
                        license.path("licenseKey").asText(), license.path("customer").asText(), license.path("seats").asLong(),
                        license.path("validFrom").asText(), license.path("validUntil").asText(), license.path("issuedAt").asText(),
                        license.path("keyId").asText());
            } else if (current.status() == 404) {
                out.println("license   none valid: every seat counts as overage");
            } else {
                spec.commandLine().getErr().println("cascade license show: " + current.error());
                return 1;
            }
            LicensingApi.Answer usage = api.get("/licenses/usage", "application/json");
            if (usage.status() != 200) {
                spec.commandLine().getErr().println("cascade license show: " + usage.error());
                return 1;
            }
            JsonNode counts = usage.json();
            out.printf("usage     %d seats used, %d purchased, %d overage%s%n", counts.path("seatsUsed").asLong(),
                    counts.path("seatsPurchased").asLong(), counts.path("overage").asLong(),
                    counts.path("warningLevel").asInt() > 0 ? " (at " + counts.path("warningLevel").asInt() + " % or more)" : "");
            if (all) {
                out.println();
                out.printf("%-5s %-24s %-30s %8s  %-20s  %-20s  %s%n", "id", "license", "customer", "seats", "valid from",
                        "valid until", "");
                for (JsonNode row : api.get("/licenses", "application/json").json()) {
                    out.printf("%-5d %-24s %-30s %8d  %-20s  %-20s  %s%n", row.path("id").asLong(), row.path("licenseKey").asText(),
                            row.path("customer").asText(), row.path("seats").asLong(), row.path("validFrom").asText(),
                            row.path("validUntil").asText(), row.path("active").asBoolean() ? "active" : "");
                }
            }
            return 0;
        } catch (LicensingApiException e) {
            spec.commandLine().getErr().println("cascade license show: " + e.getMessage());
            return 1;
        }
    }
}
