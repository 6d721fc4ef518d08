package dev.cascade.contracts;

/**
 * Kafka topic names. Each topic carries one event family, keyed by the entity it concerns;
 * each consumer group has its own dead-letter topic, named {@code <topic>.dlq.<service>}.
 */
public final class Topics {

    private Topics() {
    }

    /** {@link dev.cascade.contracts.v1.PeerRegistered}, key = device id. Written by udp-gateway. */
    public static final String PEER_REGISTRATIONS = "cascade.peer.registrations";

    /** {@link dev.cascade.contracts.v1.ConnectorRequestReceived}, key = connector id. Written by udp-gateway. */
    public static final String CONNECTOR_REQUESTS = "cascade.connector.requests";

    /** {@link dev.cascade.contracts.v1.ControlSignalReceived}, key = device id. Written by udp-gateway. */
    public static final String PEER_CONTROL = "cascade.peer.control";

    /** {@link dev.cascade.contracts.v1.PeerReplyReceived}, key = device id. Written by udp-gateway. */
    public static final String PEER_REPLIES = "cascade.peer.replies";

    /** {@link dev.cascade.contracts.v1.PeerHeartbeatReceived}, key = device id. Written by udp-gateway. */
    public static final String PEER_HEARTBEATS = "cascade.peer.heartbeats";

    /** {@link dev.cascade.contracts.v1.InventoryReported}, key = device id. Written by udp-gateway. */
    public static final String PEER_INVENTORY = "cascade.peer.inventory";

    /** {@link dev.cascade.contracts.v1.TransferReported}, key = device id. Written by udp-gateway. */
    public static final String PEER_TRANSFERS = "cascade.peer.transfers";

    /** {@link dev.cascade.contracts.v1.PlanRequested}, key = device id. Written by udp-gateway, read by topology-service. */
    public static final String PEER_PLAN_REQUESTS = "cascade.peer.plan-requests";

    /**
     * {@code cascade.v1.LicenseUsageWarning}, key = {@link #LICENSING_USAGE_WARNINGS_KEY}. Written by licensing-service
     * when seat usage crosses 90 % or 100 % of the purchased seats.
     */
    public static final String LICENSING_USAGE_WARNINGS = "cascade.licensing.usage-warnings";

    /**
     * {@link dev.cascade.contracts.v1.ServerActivated}, key = {@link #ACTIVATION_EVENTS_KEY}. Written by activation-service
     * (outbox), read by metadata-service (publishes the catalog, starts deployments).
     */
    public static final String ACTIVATION_EVENTS = "cascade.activation.events";

    /** The one key of {@link #ACTIVATION_EVENTS}: activation events stay in order. */
    public static final String ACTIVATION_EVENTS_KEY = "activation";

    /** The one key of {@link #LICENSING_USAGE_WARNINGS}: warnings stay in order. */
    public static final String LICENSING_USAGE_WARNINGS_KEY = "usage";

    /** {@link dev.cascade.contracts.v1.OutboundDatagram}, key = destination id. Read by udp-gateway. */
    public static final String GATEWAY_OUTBOUND = "cascade.gateway.outbound";

    /**
     * {@link dev.cascade.contracts.v1.TopologyChanged}, key = {@link #TOPOLOGY_CHANGES_KEY}. Written by
     * topology-service (transactional outbox); read by metadata-service, which re-resolves every peer's office.
     */
    public static final String TOPOLOGY_CHANGES = "cascade.topology.changes";

    /** The one key of {@link #TOPOLOGY_CHANGES}: the topology is one entity, so all changes share a partition and stay in order. */
    public static final String TOPOLOGY_CHANGES_KEY = "topology";

    /** The dead-letter topic of one consuming service for one topic. */
    public static String deadLetter(String topic, String service) {
        return topic + ".dlq." + service;
    }
}
