package dev.cascade.cli.license;

import java.time.LocalDate;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import dev.cascade.cli.license.LicensingApi.LicensingApiException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"The billing report: per day the peak of installed clients, the purchased seats and the overage",
                "(peak - purchased, at least 0). Days are calendar days in licensing-service's billing time zone."})
final class LicenseReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "DATE", description = "First day, e.g. 2026-03-01")
    LocalDate from;

    @Option(names = "--to", required = true, paramLabel = "DATE", description = "Last day (included), e.g. 2026-03-31")
    LocalDate to;

    @Option(names = "--csv", description = "Print CSV (day,peak_installed_clients,purchased_seats,overage,recorded) instead of a table")
    boolean csv;

    @Mixin
    ServiceOptions service;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        try {
            String path = "/billing/report?from=" + from + "&to=" + to;
            LicensingApi.Answer answer = service.api().get(path, csv ? "text/csv" : "application/json");
            if (answer.status() != 200) {
                spec.commandLine().getErr().println("cascade license report: " + answer.error());
                return 1;
            }
            if (csv) {
                out.print(answer.body());
                out.flush();
                return 0;
            }
            JsonNode report = answer.json();
            out.printf("%-10s  %6s  %9s  %7s%n", "day", "peak", "purchased", "overage");
            for (JsonNode day : report.path("days")) {
                out.printf("%-10s  %6d  %9d  %7d%s%n", day.path("day").asText(), day.path("peakInstalledClients").asLong(),
                        day.path("purchasedSeats").asLong(), day.path("overage").asLong(),
                        day.path("recorded").asBoolean() ? "" : "  (no record: carried from the day before)");
            }
            out.printf("peak %d installed clients; overage on %d days, at most %d, %d seat-days in all (%s)%n",
                    report.path("peakInstalledClients").asLong(), report.path("overageDays").asLong(),
                    report.path("maxOverage").asLong(), report.path("overageSeatDays").asLong(), report.path("timeZone").asText());
            return 0;
        } catch (LicensingApiException e) {
            spec.commandLine().getErr().println("cascade license report: " + e.getMessage());
            return 1;
        }
    }
}
