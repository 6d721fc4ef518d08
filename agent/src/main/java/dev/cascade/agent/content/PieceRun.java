package dev.cascade.agent.content;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/** Consecutive pieces {@code first..last} of one content, fetched with one range request. */
record PieceRun(int first, int last) {

    /** The byte range of the run, as a Range header gives it ({@code bytes=a-b}, both inclusive). */
    String rangeHeader(ContentManifest manifest) {
        return "bytes=" + manifest.pieceOffset(first) + "-" + lastByte(manifest);
    }

    long lastByte(ContentManifest manifest) {
        return manifest.pieceOffset(last) + manifest.pieceLength(last) - 1;
    }

    /** The missing pieces in runs of consecutive pieces, each at most {@code maxBytes} (but at least one piece). */
    static List<PieceRun> of(BitSet missing, ContentManifest manifest, long maxBytes) {
        List<PieceRun> runs = new ArrayList<>();
        int first = missing.nextSetBit(0);
        while (first >= 0) {
            int last = first;
            long bytes = manifest.pieceLength(first);
            while (missing.get(last + 1) && last + 1 < manifest.pieceCount()
                    && bytes + manifest.pieceLength(last + 1) <= maxBytes) {
                last++;
                bytes += manifest.pieceLength(last);
            }
            runs.add(new PieceRun(first, last));
            first = missing.nextSetBit(last + 1);
        }
        return runs;
    }

    /** The part of this run still missing in {@code store} (first to last missing piece); null when none is. */
    PieceRun stillMissing(PieceStore store) {
        int from = first;
        while (from <= last && store.isHeld(from)) {
            from++;
        }
        int to = last;
        while (to >= from && store.isHeld(to)) {
            to--;
        }
        return from > to ? null : new PieceRun(from, to);
    }
}
