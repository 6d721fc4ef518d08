package dev.cascade.licensing.rest;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import dev.cascade.licensing.billing.BillingReport;
import dev.cascade.licensing.service.BillingService;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/billing")
@Tag(name = "billing", description = "What to bill: installed clients per day against purchased seats")
public class BillingResource {

    static final String TEXT_CSV = "text/csv";
    /** The CSV columns, in order. */
    static final List<String> CSV_HEADER = List.of("day", "peak_installed_clients", "purchased_seats", "overage", "recorded");

    @Inject
    BillingService billing;

    @GET
    @Path("/report")
    @Produces({MediaType.APPLICATION_JSON, TEXT_CSV})
    @Operation(summary = "Per day: peak installed clients, purchased seats, overage",
            description = "from and to are dates (yyyy-MM-dd, both included) in the billing time zone "
                    + "(cascade.licensing.billing-zone). JSON, or CSV with Accept: text/csv or format=csv. "
                    + "overage = peak - purchased, at least 0. recorded=false marks a day without a record of its own "
                    + "(no replica ran that day): it repeats the previous day's closing count.")
    @APIResponse(responseCode = "400", description = "A date is missing or malformed, to is before from, or the range is over 1000 days")
    public Response report(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("format") String format,
            @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        BillingReport report;
        try {
            report = billing.report(date("from", from), date("to", to));
        } catch (IllegalArgumentException e) {
            throw ApiError.of(Response.Status.BAD_REQUEST, e.getMessage());
        }
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw ApiError.of(Response.Status.BAD_REQUEST, "format is '" + format + "', expected csv or json");
        }
        boolean csv = "csv".equals(format) || format == null && accept != null && accept.contains(TEXT_CSV);
        if (!csv) {
            return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
        }
        return Response.ok(csv(report), TEXT_CSV + ";charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"billing-" + report.from() + "-" + report.to() + ".csv\"")
                .build();
    }

    static String csv(BillingReport report) {
        StringWriter out = new StringWriter();
        try (CsvWriter writer = CsvWriter.builder().lineDelimiter(LineDelimiter.LF).build(out)) {
            writer.writeRecord(CSV_HEADER);
            for (BillingReport.Day day : report.days()) {
                writer.writeRecord(day.day().toString(), Long.toString(day.peakInstalledClients()),
                        Long.toString(day.purchasedSeats()), Long.toString(day.overage()), Boolean.toString(day.recorded()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toString();
    }

    private static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("query parameter '" + name + "' is missing: a date such as 2026-03-01");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("query parameter '" + name + "' is '" + value + "', expected a date such as 2026-03-01");
        }
    }
}
