package dev.cascade.topology.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.cascade.topology.model.PeerPlacement;
import dev.cascade.topology.model.TopologyDiff;
import dev.cascade.topology.model.TopologyDiff.OfficeChange;
import dev.cascade.topology.model.TopologyDiff.PeerMove;
import dev.cascade.topology.service.TopologyImport;

/**
 * What an import did (or, dry, would do) to the topology and to the peers' offices.
 *
 * @param dryRun               true when nothing was changed on purpose
 * @param revision             dry run: the revision the sheet was compared with — pass it back as
 *                             {@code expectedRevision} to apply exactly this diff; apply: the revision now
 * @param previousRevision     the revision before (equal to {@code revision} for a dry run, or when the sheet changed nothing)
 * @param peerMoves            null when metadata-service could not list the peers ({@code peerMovesUnavailable} says why)
 */
@Schema(description = "The diff of an import: offices added, removed, changed (field by field, old and new value) and the"
        + " registered peers that move office")
public record ImportReport(
        boolean dryRun,
        long revision,
        long previousRevision,
        Counts counts,
        List<OfficeSpec> added,
        List<OfficeSpec> removed,
        List<OfficeChange> changed,
        @Schema(nullable = true, description = "Peers whose office changes, from metadata-service's registry; null when"
                + " metadata-service was unavailable (see peerMovesUnavailable): the import itself does not need it")
        List<PeerMove> peerMoves,
        @Schema(nullable = true, description = "Why peerMoves is null, e.g. \"metadata-service could not list the"
                + " registered peers (UNAVAILABLE: io exception)\"; null when the peer moves are known")
        String peerMovesUnavailable,
        @Schema(description = "Registered peers whose address cannot be read, so could not be placed")
        List<PeerPlacement> unresolvablePeers) {

    /** @param peerMoves null when the peer moves are unknown */
    public record Counts(int added, int removed, int changed, Integer peerMoves) {
    }

    static ImportReport of(TopologyImport.Result result) {
        TopologyDiff diff = result.diff();
        boolean peersKnown = result.peerMovesUnavailable() == null;
        return new ImportReport(result.dryRun(), result.revision(), result.previousRevision(),
                new Counts(diff.added().size(), diff.removed().size(), diff.changed().size(),
                        peersKnown ? diff.movedPeers().size() : null),
                diff.added().stream().map(OfficeSpec::of).toList(), diff.removed().stream().map(OfficeSpec::of).toList(),
                diff.changed(), peersKnown ? diff.movedPeers() : null, result.peerMovesUnavailable(),
                diff.unresolvablePeers());
    }
}
