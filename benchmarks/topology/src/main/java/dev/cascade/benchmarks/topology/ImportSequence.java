package dev.cascade.benchmarks.topology;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.cascade.benchmarks.topology.TopologyApi.Exchange;
import dev.cascade.topology.model.SheetFormat;
import dev.cascade.topology.model.Topology;

/**
 * The admin's import, timed step by step against a topology-service that still has its initial
 * topology (the central office alone): dry run, apply, until {@code /offices/resolve} answers with the
 * new offices, export, applying the same file again (nothing to change), and finally applying a
 * different topology with the same office ids (every office changes) on the now warmed-up JVM. Each step
 * is checked to have done what it must, so a fast wrong answer is never reported as a result.
 */
final class ImportSequence {

    /** What one format's run measured. {@code visibleNanos} runs from sending the apply to the first resolve that sees it. */
    record Result(SheetFormat format, int sheetBytes, Exchange dryRun, Exchange apply, long visibleNanos, Exchange export,
                  Exchange reapply, Exchange applyOther) {
    }

    /** An address of a generated range and the office (not the central one) it must resolve to after the import. */
    record Probe(String ip, String officeId) {
    }

    private final TopologyApi api;
    private final int offices;
    private final Probe probe;
    private final Duration visibleWithin;

    ImportSequence(TopologyApi api, int offices, Probe probe, Duration visibleWithin) {
        this.api = api;
        this.offices = offices;
        this.probe = probe;
        this.visibleWithin = visibleWithin;
    }

    /**
     * @param sheet the topology to import into the initial one
     * @param other another topology of the same office ids, applied last
     */
    Result run(byte[] sheet, byte[] other, SheetFormat format) {
        String name = format.name();
        expectOffices(1, "a fresh data directory starts with the initial topology");
        expectResolves(Topology.CENTRAL_ID, "before the import");

        Exchange dryRun = TopologyApi.requireOk(api.importSheet(name + " dry run", sheet, format, true));
        expectNumber(dryRun, "added", offices - 1L, "every office but the central one is new");
        expectNumber(dryRun, "removed", 0, "the initial topology holds only the central office");
        expectOffices(1, "a dry run changes nothing");

        long applyStart = System.nanoTime();
        Exchange apply = TopologyApi.requireOk(api.importSheet(name + " apply", sheet, format, false));
        expectNumber(apply, "added", offices - 1L, "the apply adds what the dry run showed");
        long visibleNanos = awaitResolves(applyStart);
        expectOffices(offices, "the apply stores every office of the sheet");

        Exchange export = TopologyApi.requireOk(api.export(name + " export", format));
        checkExport(export, format);

        Exchange reapply = TopologyApi.requireOk(api.importSheet(name + " second apply", sheet, format, false));
        expectNumber(reapply, "revision", number(apply, "revision"), "the same sheet again changes nothing");
        for (String count : new String[] {"added", "removed", "changed"}) {
            expectNumber(reapply, count, 0, "the same sheet again changes nothing");
        }
        expectOffices(offices, "applying the same sheet again keeps every office");

        Exchange applyOther = TopologyApi.requireOk(api.importSheet(name + " apply of another topology", other, format, false));
        expectNumber(applyOther, "added", 0, "the other topology has the same office ids");
        expectNumber(applyOther, "removed", 0, "the other topology has the same office ids");
        if (number(applyOther, "changed") == 0) {
            throw new IllegalStateException(applyOther.step() + " changed no office: " + applyOther.head());
        }
        expectOffices(offices, "the other topology has as many offices");
        return new Result(format, sheet.length, dryRun, apply, visibleNanos, export, reapply, applyOther);
    }

    /** Polls {@code /offices/resolve} for the probe's address until it names the probe's office. */
    private long awaitResolves(long applyStart) {
        long deadline = System.nanoTime() + visibleWithin.toNanos();
        while (true) {
            String office = api.resolve(probe.ip());
            long now = System.nanoTime();
            if (office.equals(probe.officeId())) {
                return now - applyStart;
            }
            if (now > deadline) {
                throw new IllegalStateException("after the apply, GET /offices/resolve?ip=" + probe.ip() + " still answers office "
                        + office + ", not " + probe.officeId() + ", " + visibleWithin.toSeconds() + " s later");
            }
            pause(20);
        }
    }

    private void expectResolves(String officeId, String when) {
        String office = api.resolve(probe.ip());
        if (!office.equals(officeId)) {
            throw new IllegalStateException(when + ", " + probe.ip() + " resolves to office " + office + ", expected " + officeId);
        }
    }

    private void expectOffices(int expected, String why) {
        int count = api.officeCount();
        if (count != expected) {
            throw new IllegalStateException("GET /offices lists " + count + " offices, expected " + expected + ": " + why);
        }
    }

    /** The export is the same sheet: a header and one row per office (CSV), or a workbook (an XLSX file is a zip). */
    private void checkExport(Exchange export, SheetFormat format) {
        byte[] body = export.body();
        if (format == SheetFormat.XLSX) {
            if (body.length < 4 || body[0] != 'P' || body[1] != 'K') {
                throw new IllegalStateException("the XLSX export is not a zip archive: " + body.length + " bytes");
            }
            return;
        }
        long lines = new String(body, StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).count();
        if (lines != offices + 1L) {
            throw new IllegalStateException("the CSV export has " + lines + " lines, expected a header and " + offices + " rows");
        }
    }

    /** A count or revision of an import's answer (topology-service's ImportReport: revision, previousRevision, counts). */
    private static long number(Exchange exchange, String field) {
        return exchange.number(field).orElseThrow(() -> new IllegalStateException(exchange.step() + " answered without a \""
                + field + "\" number: " + exchange.head()));
    }

    private static void expectNumber(Exchange exchange, String field, long expected, String why) {
        long actual = number(exchange, field);
        if (actual != expected) {
            throw new IllegalStateException(exchange.step() + " answered " + field + " = " + actual + ", expected " + expected
                    + " (" + why + "): " + exchange.head());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the import to become visible", e);
        }
    }
}
