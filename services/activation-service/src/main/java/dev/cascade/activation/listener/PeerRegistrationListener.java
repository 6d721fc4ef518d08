package dev.cascade.activation.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.activation.service.ClientActivations;
import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.v1.PeerRegistered;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A registration makes a device a known client (its address, the fleet key it used); one that used an
 * older fleet key gets the current one (CLIENT_ACTIVATION). No processed-event log: the effect is
 * idempotent (an older report never overwrites a newer one, CLIENT_ACTIVATION is rate-limited per device).
 */
@ApplicationScoped
public class PeerRegistrationListener {

    public static final String CHANNEL = "peer-registrations";

    @Inject
    ClientActivations clients;

    @Incoming(CHANNEL)
    @Blocking
    public void onRegistered(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        String eventId = EventHeaders.required(record.headers(), EventHeaders.EVENT_ID);
        PeerRegistered event = PeerRegistered.parseFrom(record.value());
        if (event.getDeviceId().isBlank() || event.getReceivedAtUnixMs() <= 0) {
            throw new IllegalArgumentException("PeerRegistered " + eventId + " lacks device_id or received_at_unix_ms");
        }
        ClientReports.record(clients, event.getDeviceId(), event.getSourceAddress(), Integer.toUnsignedLong(event.getKeyId()),
                event.getReceivedAtUnixMs());
    }
}
