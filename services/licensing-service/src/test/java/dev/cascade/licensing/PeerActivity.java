package dev.cascade.licensing;

import java.time.Instant;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.PeerHeartbeatReceived;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.contracts.v1.PeerReportOrigin;
import dev.cascade.contracts.v1.Register;
import dev.cascade.testkit.KafkaTestClient;

/** Publishes client activity the way udp-gateway does: registrations and heartbeats with their receive time. */
final class PeerActivity {

    static final String REGISTERED = PeerRegistered.getDescriptor().getFullName();
    static final String HEARTBEAT = PeerHeartbeatReceived.getDescriptor().getFullName();

    final KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    /** A registration with a new event id; returns the event id. */
    String register(String device, String hostname, Instant receivedAt) {
        String eventId = UUID.randomUUID().toString();
        register(device, hostname, receivedAt, eventId);
        return eventId;
    }

    void register(String device, String hostname, Instant receivedAt, String eventId) {
        PeerRegistered event = PeerRegistered.newBuilder().setEventId(eventId).setDeviceId(device)
                .setRegistration(Register.newBuilder().setHostname(hostname).setClientVersion("1.0.0"))
                .setReceivedAtUnixMs(receivedAt.toEpochMilli()).setSentAtUnixMs(receivedAt.toEpochMilli())
                .build();
        kafka.send(Topics.PEER_REGISTRATIONS, device, event.toByteArray(), eventId, REGISTERED);
    }

    void heartbeat(String device, Instant receivedAt) {
        String eventId = UUID.randomUUID().toString();
        PeerHeartbeatReceived event = PeerHeartbeatReceived.newBuilder()
                .setOrigin(PeerReportOrigin.newBuilder().setEventId(eventId).setDeviceId(device)
                        .setReceivedAtUnixMs(receivedAt.toEpochMilli()).setSentAtUnixMs(receivedAt.toEpochMilli()))
                .setHeartbeat(Heartbeat.newBuilder().setClientVersion("1.0.0"))
                .build();
        kafka.send(Topics.PEER_HEARTBEATS, device, event.toByteArray(), eventId, HEARTBEAT);
    }
}
