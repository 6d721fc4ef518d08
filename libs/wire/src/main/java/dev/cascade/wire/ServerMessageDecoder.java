package dev.cascade.wire;

import static dev.cascade.wire.FieldRules.malformed;
import static dev.cascade.wire.PayloadText.quote;

import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.DeploymentPolicy;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.PlannedSource;
import dev.cascade.contracts.v1.ProxyPolicy;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.contracts.v1.SourceProtocol;

/**
 * The checks a peer applies to what the server tells it: DEPLOYMENT_NOTICE and SOURCE_PLAN
 * (docs/protocol.md §15). A peer acts on these, so they must be complete: a deployed content
 * carries its piece hashes, a plan to fetch names at least one source, every source says why.
 */
final class ServerMessageDecoder {

    private static final int SHA256_SIZE = 32;

    private ServerMessageDecoder() {
    }

    static DecodedPayload deploymentNotice(DeploymentNotice m) {
        DecodedPayload.Malformed bad = FieldRules.uuid("deployment_id", m.getDeploymentId());
        if (bad == null) {
            bad = deployableContent(m.getContent());
        }
        if (bad == null) {
            bad = policy(m.getPolicy());
        }
        return PeerReportDecoder.orValid(bad, m);
    }

    /** AppMetadata complete enough to download and verify: hashes of the whole and of every piece. */
    private static DecodedPayload.Malformed deployableContent(AppMetadata c) {
        DecodedPayload.Malformed bad = FieldRules.contentId("content.content_id", c.getContentId());
        if (bad != null) {
            return bad;
        }
        if (c.getSha256().size() != SHA256_SIZE) {
            return malformed("content.sha256", "content.sha256 has " + c.getSha256().size() + " bytes; expected "
                    + SHA256_SIZE);
        }
        long pieceSize = Integer.toUnsignedLong(c.getPieceSize());
        if (pieceSize == 0) {
            return malformed("content.piece_size", "content.piece_size is 0; expected the bytes per piece");
        }
        long size = c.getSizeBytes(); // uint64: compare unsigned
        long expected = Long.divideUnsigned(size, pieceSize) + (Long.remainderUnsigned(size, pieceSize) == 0 ? 0 : 1);
        if (expected != c.getPieceHashesCount()) {
            return malformed("content.piece_hashes", "content.piece_hashes has " + c.getPieceHashesCount()
                    + " hashes; expected " + Long.toUnsignedString(expected) + " for size_bytes "
                    + Long.toUnsignedString(size) + " and piece_size " + pieceSize);
        }
        for (int i = 0; i < c.getPieceHashesCount(); i++) {
            if (c.getPieceHashes(i).size() != SHA256_SIZE) {
                return malformed("content.piece_hashes", "content.piece_hashes[" + i + "] has "
                        + c.getPieceHashes(i).size() + " bytes; expected " + SHA256_SIZE);
            }
        }
        return FieldRules.text("content.origin_url", c.getOriginUrl(), 0, PayloadLimits.MAX_URL_LENGTH);
    }

    private static DecodedPayload.Malformed policy(DeploymentPolicy p) {
        DecodedPayload.Malformed bad = FieldRules.enumValue("policy.mode", p.getMode(), true);
        if (bad != null) {
            return bad;
        }
        ProxyPolicy proxy = p.getProxy();
        bad = FieldRules.timestamp("policy.proxy.only_proxy_devices_until_unix_ms",
                proxy.getOnlyProxyDevicesUntilUnixMs());
        if (bad == null) {
            bad = FieldRules.timestamp("policy.proxy.enforce_proxy_until_unix_ms", proxy.getEnforceProxyUntilUnixMs());
        }
        if (bad == null) {
            bad = FieldRules.uuidList("policy.proxy.package_store_device_ids", proxy.getPackageStoreDeviceIdsList(),
                    PayloadLimits.MAX_PACKAGE_STORE_DEVICES);
        }
        if (bad == null && p.getMode() == DeploymentMode.DEPLOYMENT_MODE_PROXY
                && proxy.getPackageStoreDeviceIdsCount() == 0) {
            bad = malformed("policy.proxy.package_store_device_ids", "policy.proxy.package_store_device_ids is empty"
                    + " but policy.mode is PROXY; expected the package-store devices");
        }
        return bad;
    }

    static DecodedPayload sourcePlan(SourcePlan m) {
        DecodedPayload.Malformed bad = FieldRules.uuid("device_id", m.getDeviceId());
        if (bad == null) {
            bad = FieldRules.contentId("content_id", m.getContentId());
        }
        if (bad == null) {
            bad = FieldRules.text("office_id", m.getOfficeId(), 0, PayloadLimits.MAX_ID_LENGTH);
        }
        if (bad == null) {
            bad = FieldRules.enumValue("action", m.getAction(), true);
        }
        if (bad == null) {
            bad = FieldRules.enumValue("office_type", m.getOfficeType(), false);
        }
        if (bad == null && m.getSourcesCount() > PayloadLimits.MAX_PLANNED_SOURCES) {
            bad = malformed("sources", "sources has " + m.getSourcesCount() + " entries; at most "
                    + PayloadLimits.MAX_PLANNED_SOURCES + " allowed");
        }
        if (bad == null && m.getAction() == PlanAction.PLAN_ACTION_FETCH && m.getSourcesCount() == 0) {
            bad = malformed("sources", "sources is empty but action is FETCH; expected at least one source");
        }
        for (int i = 0; bad == null && i < m.getSourcesCount(); i++) {
            bad = source(i, m.getSources(i));
        }
        if (bad == null) {
            bad = FieldRules.text("explanation", m.getExplanation(), 1, PayloadLimits.MAX_EXPLANATION_LENGTH);
        }
        if (bad == null && m.getRetryAfterMs() < 0) {
            bad = malformed("retry_after_ms", "retry_after_ms " + m.getRetryAfterMs() + " is negative");
        }
        return PeerReportDecoder.orValid(bad, m);
    }

    private static DecodedPayload.Malformed source(int index, PlannedSource s) {
        DecodedPayload.Malformed bad = FieldRules.enumValue("protocol", s.getProtocol(), true);
        if (bad == null) {
            bad = FieldRules.enumValue("source_class", s.getSourceClass(), true);
        }
        if (bad == null && s.getProtocol() == SourceProtocol.SOURCE_PROTOCOL_ORIGIN_HTTP) {
            bad = FieldRules.text("origin_url", s.getOriginUrl(), 1, PayloadLimits.MAX_URL_LENGTH);
            if (bad == null && !s.getDeviceId().isEmpty()) {
                bad = malformed("device_id", "device_id " + quote(s.getDeviceId())
                        + " is set for an ORIGIN_HTTP source; expected empty");
            }
        } else if (bad == null) {
            bad = FieldRules.uuid("device_id", s.getDeviceId());
            if (bad == null && !IpLiteralSyntax.isIpv4(s.getIpAddress()) && !IpLiteralSyntax.isIpv6(s.getIpAddress())) {
                bad = malformed("ip_address", "ip_address " + quote(s.getIpAddress())
                        + " is not an IPv4 or IPv6 address literal");
            }
            if (bad == null && (s.getPort() < 1 || s.getPort() > 65_535)) {
                bad = malformed("port", "port " + Integer.toUnsignedString(s.getPort()) + " is outside 1..65535");
            }
            if (bad == null) {
                bad = FieldRules.text("office_id", s.getOfficeId(), 0, PayloadLimits.MAX_ID_LENGTH);
            }
        }
        if (bad == null) {
            bad = FieldRules.text("reason", s.getReason(), 1, PayloadLimits.MAX_TEXT_LENGTH);
        }
        String at = "sources[" + index + "].";
        return bad == null ? null : malformed(at + bad.field(), at + bad.detail());
    }
}
