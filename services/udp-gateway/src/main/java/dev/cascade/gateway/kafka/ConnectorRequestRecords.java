package dev.cascade.gateway.kafka;

import org.apache.kafka.clients.producer.ProducerRecord;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.ActivationRequest;
import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.ConnectorRequestReceived;
import dev.cascade.contracts.v1.KeyRotationRequest;
import dev.cascade.contracts.v1.StatusRequest;
import dev.cascade.wire.Header;

/** ACTIVATE, STATUS_REQUEST, APP_METADATA and KEY_ROTATION_REQUEST become {@link ConnectorRequestReceived} on {@link Topics#CONNECTOR_REQUESTS}. */
public final class ConnectorRequestRecords implements EventRecords {

    private final String gatewayId;

    public ConnectorRequestRecords(String gatewayId) {
        this.gatewayId = gatewayId;
    }

    public ConnectorRequestReceived event(AcceptedDatagram accepted) {
        Header header = accepted.header();
        ConnectorRequestReceived.Builder event = ConnectorRequestReceived.newBuilder()
                .setEventId(EventIds.eventId(header))
                .setConnectorId(header.senderId().toString())
                .setSourceAddress(EventIds.addressText(accepted.source()))
                .setReceivedAtUnixMs(accepted.receivedAtMillis())
                .setSentAtUnixMs(header.timestampMillis())
                .setKeyId((int) header.keyId())
                .setGatewayId(gatewayId)
                .setSequence(header.sequence());
        switch (accepted.type()) {
            case ACTIVATE -> event.setActivate((ActivationRequest) accepted.payload());
            case STATUS_REQUEST -> event.setStatus((StatusRequest) accepted.payload());
            case APP_METADATA -> event.setAppMetadata((AppMetadata) accepted.payload());
            case KEY_ROTATION_REQUEST -> event.setKeyRotation((KeyRotationRequest) accepted.payload());
            default -> throw new IllegalArgumentException(accepted.type() + " is not a connector request");
        }
        return event.build();
    }

    /** Keyed by connector id: one connector's requests stay in order. */
    @Override
    public ProducerRecord<String, byte[]> record(AcceptedDatagram accepted) {
        ConnectorRequestReceived event = event(accepted);
        return EventRecords.of(Topics.CONNECTOR_REQUESTS, event.getConnectorId(), event.getEventId(), event);
    }
}
