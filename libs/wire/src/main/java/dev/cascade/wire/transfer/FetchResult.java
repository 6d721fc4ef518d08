package dev.cascade.wire.transfer;

import java.util.List;
import java.util.UUID;

/**
 * How a fetch ended.
 *
 * @param complete          every piece is held now (fetched, or held before)
 * @param piecesFetched     pieces assembled and accepted by the sink in this fetch
 * @param piecesMissing     pieces still missing
 * @param sources           one report per source, in the order given
 * @param blocksReceived    BLOCKs accepted (each block counted once)
 * @param blocksRerequested blocks asked for again after they were declared lost (never one already held)
 * @param duplicateBlocks   BLOCKs for blocks already held (a late answer to a block declared lost)
 * @param badPieces         pieces that failed the sink's verification
 */
public record FetchResult(boolean complete, int piecesFetched, int piecesMissing, List<SourceReport> sources,
                          long blocksReceived, long blocksRerequested, long duplicateBlocks, int badPieces) {

    public FetchResult {
        sources = List.copyOf(sources);
    }

    /**
     * This fetch followed by {@code later}, another fetch of the same content that started where this one ended (e.g.
     * the office's holders, then the parent office's over the WAN): counts added, the end state {@code later}'s.
     */
    public FetchResult then(FetchResult later) {
        List<SourceReport> all = new java.util.ArrayList<>(sources);
        all.addAll(later.sources);
        return new FetchResult(later.complete, piecesFetched + later.piecesFetched, later.piecesMissing, all,
                blocksReceived + later.blocksReceived, blocksRerequested + later.blocksRerequested,
                duplicateBlocks + later.duplicateBlocks, badPieces + later.badPieces);
    }

    /** The device ids of sources with this outcome. */
    public List<UUID> sourcesWith(SourceOutcome outcome) {
        return sources.stream().filter(s -> s.outcome() == outcome).map(SourceReport::deviceId).toList();
    }

    public SourceReport source(UUID deviceId) {
        return sources.stream().filter(s -> s.deviceId().equals(deviceId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no source " + deviceId + " in this fetch"));
    }
}
