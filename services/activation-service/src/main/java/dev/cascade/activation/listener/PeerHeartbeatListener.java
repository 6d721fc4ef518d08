package dev.cascade.activation.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.activation.service.ClientActivations;
import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.v1.PeerHeartbeatReceived;
import dev.cascade.contracts.v1.PeerReportOrigin;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A heartbeat keeps a client known and active (SERVER_STATUS counts clients heard from within the
 * heartbeat TTL); one authenticated with an older fleet key gets the current one. {@code origin.key_id}
 * 0 (a gateway that does not set it) leaves the client's key as it was. Idempotent without a
 * processed-event log, like registrations.
 */
@ApplicationScoped
public class PeerHeartbeatListener {

    public static final String CHANNEL = "peer-heartbeats";

    @Inject
    ClientActivations clients;

    @Incoming(CHANNEL)
    @Blocking
    public void onHeartbeat(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        String eventId = EventHeaders.required(record.headers(), EventHeaders.EVENT_ID);
        PeerReportOrigin origin = PeerHeartbeatReceived.parseFrom(record.value()).getOrigin();
        if (origin.getDeviceId().isBlank() || origin.getReceivedAtUnixMs() <= 0) {
            throw new IllegalArgumentException("PeerHeartbeatReceived " + eventId + " lacks origin.device_id or origin.received_at_unix_ms");
        }
        ClientReports.record(clients, origin.getDeviceId(), origin.getSourceAddress(), Integer.toUnsignedLong(origin.getKeyId()),
                origin.getReceivedAtUnixMs());
    }
}
