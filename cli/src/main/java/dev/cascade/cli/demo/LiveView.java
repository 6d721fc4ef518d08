package dev.cascade.cli.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The demo's progress while the package spreads: a bar per office (the share of its bytes that arrived, from the
 * server's deployment progress), its devices done, the bytes its devices reported by source, and the bytes its WAN link
 * carried so far (measured). On a terminal the block is redrawn in place; into a file or pipe a block is printed every
 * {@code quietEvery} instead, so logs stay readable.
 */
final class LiveView {

    private static final int BAR = 24;
    private final PrintWriter out;
    private final boolean redraw;
    private final Duration quietEvery;
    private int linesDrawn;
    private Duration lastPrinted;

    LiveView(PrintWriter out, boolean redraw, Duration quietEvery) {
        this.out = out;
        this.redraw = redraw;
        this.quietEvery = quietEvery;
    }

    void show(List<OfficeSnapshot> offices, Duration elapsed) {
        if (!redraw && lastPrinted != null && elapsed.minus(lastPrinted).compareTo(quietEvery) < 0) {
            return;
        }
        lastPrinted = elapsed;
        List<String> lines = block(offices, elapsed);
        StringBuilder text = new StringBuilder();
        if (redraw && linesDrawn > 0) {
            text.append("\u001b[").append(linesDrawn).append('A'); // back to the block's first line
        }
        for (String line : lines) {
            text.append(line);
            if (redraw) {
                text.append("\u001b[K"); // clear what a longer line left
            }
            text.append(System.lineSeparator());
        }
        out.print(text);
        out.flush();
        linesDrawn = redraw ? lines.size() : 0;
    }

    static List<String> block(List<OfficeSnapshot> offices, Duration elapsed) {
        List<String> lines = new java.util.ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%s elapsed   %-22s %-26s %-9s %s", clock(elapsed), "office", "bytes arrived",
                "devices", "by source (reported) | WAN link in (measured)"));
        for (OfficeSnapshot office : offices) {
            lines.add(String.format(Locale.ROOT, "  %-22s %s %3d %%  %2d/%-2d %-9s %s", office.office().name(), bar(office.fraction()),
                    Math.round(office.fraction() * 100), office.done(), office.targeted(), state(office), sources(office)));
        }
        return lines;
    }

    private static String bar(double fraction) {
        int filled = (int) Math.round(fraction * BAR);
        return "[" + "#".repeat(filled) + "-".repeat(BAR - filled) + "]";
    }

    private static String state(OfficeSnapshot office) {
        if (office.complete()) {
            return "done";
        }
        if (office.failed() > 0) {
            return office.failed() + " failed";
        }
        if (office.paused() > 0) {
            return office.paused() + " paused";
        }
        return office.downloading() > 0 ? office.downloading() + " busy" : "waiting";
    }

    private static String sources(OfficeSnapshot office) {
        StringBuilder text = new StringBuilder();
        append(text, "peers", office.reported(OfficeSnapshot.SAME_OFFICE));
        append(text, "parent", office.reported(OfficeSnapshot.PARENT_OFFICE));
        append(text, "seed", office.reported(OfficeSnapshot.SEED));
        append(text, "origin", office.reported(OfficeSnapshot.ORIGIN));
        if (!office.office().central()) {
            text.append(text.length() > 0 ? " " : "").append("| WAN ").append(Bytes.format(office.wanBytesIn()));
        }
        return text.toString();
    }

    private static void append(StringBuilder text, String label, long bytes) {
        if (bytes > 0) {
            text.append(text.length() > 0 ? " " : "").append(label).append(' ').append(Bytes.format(bytes));
        }
    }

    static String clock(Duration elapsed) {
        long seconds = elapsed.toSeconds();
        return String.format(Locale.ROOT, "%02d:%02d", seconds / 60, seconds % 60);
    }
}
