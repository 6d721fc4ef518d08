package dev.cascade.wire;

/**
 * The bounds {@link PayloadDecoder} puts on payload fields (docs/protocol.md §15 lists the same). Lengths
 * of text are in characters as Java counts them (UTF-16 code units: the same as code points for all text
 * outside the supplementary planes). A sender that needs more splits its report, or is malformed.
 */
public final class PayloadLimits {

    private PayloadLimits() {
    }

    /** Register.hostname. */
    public static final int MAX_HOSTNAME_LENGTH = 253;
    /** The server's name: ActivationRequest, ServerStatus and ClientActivation.server_name (a host name's limit). */
    public static final int MAX_SERVER_NAME_LENGTH = 253;
    /** content_id, office_id: identifiers chosen elsewhere (the connector's blob id, the topology's office id). */
    public static final int MAX_ID_LENGTH = 256;
    /** detail, failure_detail, PlannedSource.reason, the activation messages' detail and customer: words for the admin. */
    public static final int MAX_TEXT_LENGTH = 1024;
    /** SourcePlan.explanation. */
    public static final int MAX_EXPLANATION_LENGTH = 4096;
    /** PlannedSource.origin_url, AppMetadata.origin_url. */
    public static final int MAX_URL_LENGTH = 2048;
    /** InventoryReport.holdings. */
    public static final int MAX_HOLDINGS = 10_000;
    /** ContentHolding.piece_count: 2^22 pieces, a bitmap of 512 KiB (4 TiB in 1 MiB pieces). */
    public static final int MAX_PIECE_COUNT = 1 << 22;
    /** TransferReport.bad_peer_ids. */
    public static final int MAX_BAD_PEER_IDS = 64;
    /** PlanRequest.avoid_device_ids. */
    public static final int MAX_AVOID_DEVICE_IDS = 256;
    /** SourcePlan.sources. */
    public static final int MAX_PLANNED_SOURCES = 64;
    /** ProxyPolicy.package_store_device_ids. */
    public static final int MAX_PACKAGE_STORE_DEVICES = 1024;
    /** The latest timestamp accepted in a payload: 9999-12-31T23:59:59.999Z, in milliseconds since the epoch. */
    public static final long MAX_TIMESTAMP_MS = 253_402_300_799_999L;
}
