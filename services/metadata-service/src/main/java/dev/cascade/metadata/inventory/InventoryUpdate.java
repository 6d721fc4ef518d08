package dev.cascade.metadata.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.cascade.contracts.v1.ContentHolding;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.InventoryReported;
import dev.cascade.metadata.catalog.CatalogEntry;
import dev.cascade.metadata.service.DeviceId;

/**
 * One inventory report of a peer, read and checked from an InventoryReported event.
 *
 * @param complete the holdings are everything the peer holds: contents not listed were evicted
 */
public record InventoryUpdate(String eventId, String deviceId, long reportSequence, boolean complete, List<Holding> holdings,
        Instant receivedAt) {

    private static final int MAX_DEPLOYMENT_ID = 64;
    private static final int MAX_DETAIL = 500;

    /**
     * One content as the peer holds it.
     *
     * @param state      a {@link ContentState} name without the prefix (PENDING, DOWNLOADING, ..., REMOVED)
     * @param pieces     the bitmap; null when the peer holds no piece
     * @param piecesHeld the bits set below {@code pieceCount}
     * @param changedAt  the peer's clock; null when not reported
     */
    public record Holding(String contentId, String deploymentId, String state, int pieceCount, byte[] pieces, int piecesHeld,
            String detail, Instant changedAt) {

        public boolean removed() {
            return "REMOVED".equals(state);
        }
    }

    /** @throws IllegalArgumentException naming the event, the content and the field when the report cannot be applied */
    public static InventoryUpdate from(String eventId, InventoryReported event, Instant now) {
        String what = "InventoryReported event " + eventId;
        String deviceId;
        try {
            deviceId = DeviceId.canonical(event.getOrigin().getDeviceId());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": device_id " + e.getMessage(), e);
        }
        if (event.getReport().getReportSequence() <= 0) {
            throw new IllegalArgumentException(what + " has report_sequence " + Long.toUnsignedString(event.getReport().getReportSequence())
                    + "; expected 1 to " + Long.MAX_VALUE + " (e.g. milliseconds since the epoch)");
        }
        List<Holding> holdings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ContentHolding holding : event.getReport().getHoldingsList()) {
            Holding read = holding(what, holding);
            if (!seen.add(read.contentId())) {
                throw new IllegalArgumentException(what + " lists content " + read.contentId() + " twice");
            }
            holdings.add(read);
        }
        Instant receivedAt = event.getOrigin().getReceivedAtUnixMs() > 0 ? Instant.ofEpochMilli(event.getOrigin().getReceivedAtUnixMs()) : now;
        return new InventoryUpdate(eventId, deviceId, event.getReport().getReportSequence(), event.getReport().getComplete(),
                List.copyOf(holdings), receivedAt);
    }

    private static Holding holding(String what, ContentHolding holding) {
        String contentId = holding.getContentId().strip();
        if (contentId.isEmpty() || contentId.length() > CatalogEntry.MAX_CONTENT_ID) {
            throw new IllegalArgumentException(what + ": a holding has content_id '" + contentId + "'; expected 1 to "
                    + CatalogEntry.MAX_CONTENT_ID + " characters");
        }
        String of = what + ", content " + contentId + ": ";
        if (holding.getDeploymentId().length() > MAX_DEPLOYMENT_ID) {
            throw new IllegalArgumentException(of + "deployment_id is longer than " + MAX_DEPLOYMENT_ID + " characters");
        }
        ContentState state = holding.getState();
        if (state == ContentState.CONTENT_STATE_UNSPECIFIED || state == ContentState.UNRECOGNIZED) {
            throw new IllegalArgumentException(of + "state is " + (state == ContentState.UNRECOGNIZED ? "the unknown value "
                    + holding.getStateValue() : "unspecified") + "; expected PENDING, DOWNLOADING, PAUSED, CACHED, INSTALLED, FAILED or REMOVED");
        }
        int pieceCount = holding.getPieceCount();
        if (pieceCount < 0) {
            throw new IllegalArgumentException(of + "piece_count " + Integer.toUnsignedString(pieceCount) + " is too large");
        }
        byte[] pieces = holding.getPieces().toByteArray();
        long bitmapBytes = (pieceCount + 7L) / 8;
        if (pieces.length > bitmapBytes) {
            throw new IllegalArgumentException(of + "pieces is " + pieces.length + " bytes; " + pieceCount
                    + " pieces take at most " + bitmapBytes);
        }
        int held = 0;
        for (int i = 0; i < pieceCount && i / 8 < pieces.length; i++) {
            held += (pieces[i / 8] >> (i % 8)) & 1;
        }
        String detail = holding.getDetail().length() > MAX_DETAIL ? holding.getDetail().substring(0, MAX_DETAIL) : holding.getDetail();
        Instant changedAt = holding.getChangedAtUnixMs() > 0 ? Instant.ofEpochMilli(holding.getChangedAtUnixMs()) : null;
        return new Holding(contentId, holding.getDeploymentId().isEmpty() ? null : holding.getDeploymentId(),
                state.name().substring("CONTENT_STATE_".length()), pieceCount, held == 0 && pieces.length == 0 ? null : pieces,
                held, detail.isEmpty() ? null : detail, changedAt);
    }
}
