package dev.cascade.gateway.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;

import com.google.protobuf.Message;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.InventoryReported;
import dev.cascade.contracts.v1.PeerHeartbeatReceived;
import dev.cascade.contracts.v1.PeerReportOrigin;
import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.PlanRequested;
import dev.cascade.contracts.v1.TransferReport;
import dev.cascade.contracts.v1.TransferReported;
import dev.cascade.wire.Header;
import dev.cascade.wire.MessageType;

/**
 * Turns an accepted peer report into its event (docs/protocol.md §8): HEARTBEAT → {@link PeerHeartbeatReceived}
 * on {@link Topics#PEER_HEARTBEATS}, INVENTORY_REPORT → {@link InventoryReported} on {@link Topics#PEER_INVENTORY},
 * TRANSFER_REPORT → {@link TransferReported} on {@link Topics#PEER_TRANSFERS}, PLAN_REQUEST → {@link PlanRequested}
 * on {@link Topics#PEER_PLAN_REQUESTS}. Keyed by device id, so one peer's reports stay in order on one partition;
 * the origin is built as PeerRegistered's envelope is, with the same deterministic event id.
 */
public final class PeerReportRecords implements EventRecords {

    private final String gatewayId;

    public PeerReportRecords(String gatewayId) {
        this.gatewayId = gatewayId;
    }

    /** The event of {@code accepted}, whose payload must be one of the four report messages. */
    public Message event(AcceptedDatagram accepted) {
        return event(origin(accepted), accepted);
    }

    private static Message event(PeerReportOrigin origin, AcceptedDatagram accepted) {
        Message payload = accepted.payload();
        return switch (accepted.type()) {
            case HEARTBEAT -> PeerHeartbeatReceived.newBuilder().setOrigin(origin).setHeartbeat((Heartbeat) payload)
                    .build();
            case INVENTORY_REPORT -> InventoryReported.newBuilder().setOrigin(origin)
                    .setReport((InventoryReport) payload).build();
            case TRANSFER_REPORT -> TransferReported.newBuilder().setOrigin(origin).setReport((TransferReport) payload)
                    .build();
            case PLAN_REQUEST -> PlanRequested.newBuilder().setOrigin(origin).setRequest((PlanRequest) payload).build();
            default -> throw new IllegalArgumentException(accepted.type() + " is not a peer report");
        };
    }

    @Override
    public ProducerRecord<String, byte[]> record(AcceptedDatagram accepted) {
        PeerReportOrigin origin = origin(accepted);
        return EventRecords.of(topic(accepted.type()), origin.getDeviceId(), origin.getEventId(), event(origin, accepted));
    }

    /** The topic of {@code type}'s events. */
    public static String topic(MessageType type) {
        return switch (type) {
            case HEARTBEAT -> Topics.PEER_HEARTBEATS;
            case INVENTORY_REPORT -> Topics.PEER_INVENTORY;
            case TRANSFER_REPORT -> Topics.PEER_TRANSFERS;
            case PLAN_REQUEST -> Topics.PEER_PLAN_REQUESTS;
            default -> throw new IllegalArgumentException(type + " is not a peer report");
        };
    }

    private PeerReportOrigin origin(AcceptedDatagram accepted) {
        Header header = accepted.header();
        return PeerReportOrigin.newBuilder()
                .setEventId(EventIds.eventId(header))
                .setDeviceId(header.senderId().toString())
                .setSourceAddress(EventIds.addressText(accepted.source()))
                .setReceivedAtUnixMs(accepted.receivedAtMillis())
                .setSentAtUnixMs(header.timestampMillis())
                .setGatewayId(gatewayId)
                .setKeyId((int) header.keyId())
                .build();
    }
}
