package dev.cascade.metadata.inventory;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.metadata.entity.HoldingEntity;

/**
 * What a peer holds of one content, as the API shows it.
 *
 * @param changedAt when the peer's state for it last changed (the peer's clock)
 * @param updatedAt when the report that set it was applied
 */
public record HoldingView(String contentId, @JsonInclude(JsonInclude.Include.NON_NULL) String deploymentId, String state,
        int pieceCount, int piecesHeld, @JsonInclude(JsonInclude.Include.NON_NULL) String detail,
        @JsonInclude(JsonInclude.Include.NON_NULL) Instant changedAt, long reportSequence, Instant updatedAt) {

    public static HoldingView of(HoldingEntity holding) {
        return new HoldingView(holding.contentId, holding.deploymentId, holding.state, holding.pieceCount, holding.piecesHeld,
                holding.detail, holding.changedAt, holding.reportSequence, holding.updatedAt);
    }
}
