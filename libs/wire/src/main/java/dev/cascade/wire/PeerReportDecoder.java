package dev.cascade.wire;

import static dev.cascade.wire.FieldRules.malformed;
import static dev.cascade.wire.PayloadText.quote;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Message;

import dev.cascade.contracts.v1.ContentHolding;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.SourceBytes;
import dev.cascade.contracts.v1.TransferReport;

/**
 * The checks of what peers report to the server: HEARTBEAT, INVENTORY_REPORT, TRANSFER_REPORT and
 * PLAN_REQUEST (docs/protocol.md §15). Whether the content or deployment exists is for the services to say.
 */
final class PeerReportDecoder {

    private PeerReportDecoder() {
    }

    static DecodedPayload heartbeat(Heartbeat m) {
        DecodedPayload.Malformed bad = FieldRules.ipAndPrefix(m.getIpAddress(), m.getPrefixLength());
        if (bad == null) {
            bad = FieldRules.timestamp("boot_time_unix_ms", m.getBootTimeUnixMs());
        }
        if (bad == null) {
            bad = FieldRules.clientVersion(m.getClientVersion());
        }
        return orValid(bad, m);
    }

    static DecodedPayload inventoryReport(InventoryReport m) {
        if (m.getReportSequence() == 0) {
            return malformed("report_sequence", "report_sequence is 0; expected a number that grows with every report"
                    + " (milliseconds since the epoch will do)");
        }
        int count = m.getHoldingsCount();
        if (count > PayloadLimits.MAX_HOLDINGS) {
            return malformed("holdings", "holdings has " + count + " entries; at most " + PayloadLimits.MAX_HOLDINGS
                    + " allowed (send the rest in a report with complete = false)");
        }
        for (int i = 0; i < count; i++) {
            DecodedPayload.Malformed bad = holding(i, m.getHoldings(i));
            if (bad != null) {
                return bad;
            }
        }
        if (count > 1) {
            List<String> ids = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                ids.add(m.getHoldings(i).getContentId());
            }
            int duplicate = FieldRules.firstDuplicate(ids);
            if (duplicate >= 0) {
                return malformed("holdings", "holdings[" + duplicate + "].content_id " + quote(ids.get(duplicate))
                        + " is listed twice; expected one holding per content");
            }
        }
        return valid(m);
    }

    private static DecodedPayload.Malformed holding(int index, ContentHolding h) {
        String at = "holdings[" + index + "].";
        DecodedPayload.Malformed bad = FieldRules.contentId("content_id", h.getContentId());
        if (bad == null) {
            bad = FieldRules.optionalUuid("deployment_id", h.getDeploymentId());
        }
        if (bad == null) {
            bad = FieldRules.enumValue("state", h.getState(), true);
        }
        long pieces = Integer.toUnsignedLong(h.getPieceCount());
        if (bad == null && pieces > PayloadLimits.MAX_PIECE_COUNT) {
            bad = malformed("piece_count", "piece_count " + pieces + " exceeds " + PayloadLimits.MAX_PIECE_COUNT);
        }
        if (bad == null) {
            bad = FieldRules.bitmap("pieces", h.getPieces(), pieces);
        }
        if (bad == null) {
            bad = stateMatchesPieces(h, pieces);
        }
        if (bad == null) {
            bad = FieldRules.text("detail", h.getDetail(), 0, PayloadLimits.MAX_TEXT_LENGTH);
        }
        if (bad == null) {
            bad = FieldRules.timestamp("changed_at_unix_ms", h.getChangedAtUnixMs());
        }
        return bad == null ? null : malformed(at + bad.field(), at + bad.detail());
    }

    /** CACHED means every piece held, REMOVED none: a report saying otherwise contradicts itself. */
    private static DecodedPayload.Malformed stateMatchesPieces(ContentHolding h, long pieces) {
        if (h.getState() == ContentState.CONTENT_STATE_CACHED && FieldRules.bitCount(h.getPieces()) != pieces) {
            return malformed("pieces", "pieces marks " + FieldRules.bitCount(h.getPieces()) + " of " + pieces
                    + " pieces but state is CACHED, which means every piece is held");
        }
        if (h.getState() == ContentState.CONTENT_STATE_REMOVED && FieldRules.bitCount(h.getPieces()) != 0) {
            return malformed("pieces", "pieces marks " + FieldRules.bitCount(h.getPieces())
                    + " pieces but state is REMOVED, which means none is held");
        }
        return null;
    }

    static DecodedPayload transferReport(TransferReport m) {
        DecodedPayload.Malformed bad = FieldRules.uuid("transfer_id", m.getTransferId());
        if (bad == null) {
            bad = FieldRules.contentId("content_id", m.getContentId());
        }
        if (bad == null) {
            bad = FieldRules.optionalUuid("deployment_id", m.getDeploymentId());
        }
        if (bad == null) {
            bad = bytesBySource(m.getBytesBySourceList());
        }
        if (bad == null && m.getStartedUnixMs() == 0) {
            bad = malformed("started_unix_ms", "started_unix_ms is 0; expected when the transfer started");
        }
        if (bad == null) {
            bad = FieldRules.timestamp("started_unix_ms", m.getStartedUnixMs());
        }
        if (bad == null) {
            bad = FieldRules.timestamp("finished_unix_ms", m.getFinishedUnixMs());
        }
        if (bad == null && m.getFinishedUnixMs() < m.getStartedUnixMs()) {
            bad = malformed("finished_unix_ms", "finished_unix_ms " + m.getFinishedUnixMs()
                    + " is before started_unix_ms " + m.getStartedUnixMs());
        }
        if (bad == null) {
            bad = FieldRules.uuidList("bad_peer_ids", m.getBadPeerIdsList(), PayloadLimits.MAX_BAD_PEER_IDS);
        }
        if (bad == null && Integer.toUnsignedLong(m.getBadPieces()) < m.getBadPeerIdsCount()) {
            bad = malformed("bad_pieces", "bad_pieces " + Integer.toUnsignedString(m.getBadPieces()) + " is below the "
                    + m.getBadPeerIdsCount() + " bad_peer_ids: each listed peer sent at least one bad piece");
        }
        if (bad == null) {
            bad = FieldRules.text("failure_detail", m.getFailureDetail(), m.getCompleted() ? 0 : 1,
                    PayloadLimits.MAX_TEXT_LENGTH);
            if (bad != null && !m.getCompleted() && m.getFailureDetail().isEmpty()) {
                bad = malformed("failure_detail", "failure_detail is empty; a transfer that did not complete says why");
            }
        }
        return orValid(bad, m);
    }

    private static DecodedPayload.Malformed bytesBySource(List<SourceBytes> sources) {
        // at most one entry per source class, so the list is at most as long as the enum
        for (int i = 0; i < sources.size(); i++) {
            DecodedPayload.Malformed bad = FieldRules.enumValue("source_class", sources.get(i).getSourceClass(), true);
            if (bad != null) {
                return malformed("bytes_by_source", "bytes_by_source[" + i + "]." + bad.detail());
            }
            for (int j = 0; j < i; j++) {
                if (sources.get(j).getSourceClass() == sources.get(i).getSourceClass()) {
                    return malformed("bytes_by_source", "bytes_by_source[" + i + "].source_class "
                            + sources.get(i).getSourceClass() + " is listed twice; expected one entry per source class");
                }
            }
        }
        return null;
    }

    static DecodedPayload planRequest(PlanRequest m) {
        DecodedPayload.Malformed bad = FieldRules.contentId("content_id", m.getContentId());
        if (bad == null) {
            bad = FieldRules.optionalUuid("deployment_id", m.getDeploymentId());
        }
        if (bad == null) {
            bad = FieldRules.uuidList("avoid_device_ids", m.getAvoidDeviceIdsList(), PayloadLimits.MAX_AVOID_DEVICE_IDS);
        }
        if (bad == null && m.getReplyPort() > 65_535) {
            bad = malformed("reply_port", "reply_port " + m.getReplyPort() + " is not a UDP port; expected 1..65535, or 0 for 34325");
        }
        return orValid(bad, m);
    }

    static DecodedPayload orValid(DecodedPayload.Malformed bad, Message m) {
        return bad != null ? bad : valid(m);
    }

    private static DecodedPayload valid(Message m) {
        return new DecodedPayload.Valid(m);
    }
}
