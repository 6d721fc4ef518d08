package dev.cascade.activation;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.ConfigProvider;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.ActivationRequest;
import dev.cascade.contracts.v1.ConnectorRequestReceived;
import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.KeyRotationRequest;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.contracts.v1.PeerHeartbeatReceived;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.contracts.v1.PeerReportOrigin;
import dev.cascade.contracts.v1.Register;
import dev.cascade.contracts.v1.StatusRequest;
import dev.cascade.testkit.KafkaTestClient;

/**
 * What udp-gateway publishes for the connector's requests and the peers' reports, and what it reads
 * back from cascade.gateway.outbound.
 */
final class Connector {

    static final String CONNECTOR_ADDRESS = "127.0.0.1:24320";
    private static final String REQUEST = ConnectorRequestReceived.getDescriptor().getFullName();

    final String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
    final KafkaTestClient kafka = new KafkaTestClient(bootstrap);
    /** One connector id per test: its replies are told apart by destination id. */
    final String id = UUID.randomUUID().toString();

    String activate(String licenseKey, String serverName, long keyId) {
        return request(ConnectorRequestReceived.newBuilder().setActivate(ActivationRequest.newBuilder().setLicenseKey(licenseKey)
                .setServerName(serverName).setServerIp("10.0.0.5").setConnectorVersion("1.0.0")), keyId, UUID.randomUUID().toString());
    }

    String status(long keyId) {
        return request(ConnectorRequestReceived.newBuilder().setStatus(StatusRequest.newBuilder().setConnectorVersion("1.0.0")), keyId,
                UUID.randomUUID().toString());
    }

    String rotate(long keyId) {
        return request(ConnectorRequestReceived.newBuilder().setKeyRotation(KeyRotationRequest.newBuilder().setConnectorVersion("1.0.0")),
                keyId, UUID.randomUUID().toString());
    }

    String request(ConnectorRequestReceived.Builder event, long keyId, String eventId) {
        ConnectorRequestReceived built = event.setEventId(eventId).setConnectorId(id).setSourceAddress(CONNECTOR_ADDRESS)
                .setReceivedAtUnixMs(System.currentTimeMillis()).setSentAtUnixMs(System.currentTimeMillis()).setKeyId((int) keyId)
                .setGatewayId("test-gateway").build();
        kafka.send(Topics.CONNECTOR_REQUESTS, id, built.toByteArray(), eventId, REQUEST);
        return eventId;
    }

    void register(String deviceId, String ip, long keyId, long receivedAtMs) {
        String eventId = UUID.randomUUID().toString();
        PeerRegistered event = PeerRegistered.newBuilder().setEventId(eventId).setDeviceId(deviceId)
                .setRegistration(Register.newBuilder().setHostname("pc-" + deviceId).setClientVersion("1.0.0"))
                .setSourceAddress(ip + ":34323").setReceivedAtUnixMs(receivedAtMs).setSentAtUnixMs(receivedAtMs).setKeyId((int) keyId)
                .build();
        kafka.send(Topics.PEER_REGISTRATIONS, deviceId, event.toByteArray(), eventId, PeerRegistered.getDescriptor().getFullName());
    }

    void heartbeat(String deviceId, String ip, long keyId, long receivedAtMs) {
        String eventId = UUID.randomUUID().toString();
        PeerHeartbeatReceived event = PeerHeartbeatReceived.newBuilder()
                .setOrigin(PeerReportOrigin.newBuilder().setEventId(eventId).setDeviceId(deviceId).setSourceAddress(ip + ":34323")
                        .setReceivedAtUnixMs(receivedAtMs).setSentAtUnixMs(receivedAtMs).setKeyId((int) keyId))
                .setHeartbeat(Heartbeat.newBuilder().setClientVersion("1.0.0")).build();
        kafka.send(Topics.PEER_HEARTBEATS, deviceId, event.toByteArray(), eventId, PeerHeartbeatReceived.getDescriptor().getFullName());
    }

    /** Every datagram on cascade.gateway.outbound for {@code destinationId} with message type {@code type}, in order. */
    List<OutboundDatagram> outbound(String destinationId, int type) {
        return new KafkaTestClient(bootstrap).readAll(Topics.GATEWAY_OUTBOUND).stream().map(Connector::parse)
                .filter(d -> d.getDestinationId().equals(destinationId) && d.getMessageType() == type).toList();
    }

    List<ConsumerRecord<String, byte[]>> records(String topic) {
        return new KafkaTestClient(bootstrap).readAll(topic);
    }

    static final Duration WAIT = Duration.ofSeconds(30);

    private static OutboundDatagram parse(ConsumerRecord<String, byte[]> record) {
        try {
            return OutboundDatagram.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not an OutboundDatagram on cascade.gateway.outbound: " + e.getMessage(), e);
        }
    }
}
