package dev.cascade.metadata.listener;

import java.time.Clock;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.PeerHeartbeatReceived;
import dev.cascade.metadata.client.OfficeLookup;
import dev.cascade.metadata.service.OfficeAnswer;
import dev.cascade.metadata.service.PeerDirectory;
import dev.cascade.metadata.service.PeerHeartbeat;
import dev.cascade.metadata.service.PeerHeartbeats;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Heartbeats keep peers active and their attributes current, once per event id. An event that
 * cannot be read goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class PeerHeartbeatListener {

    public static final String CHANNEL = "peer-heartbeats";

    @Inject
    PeerDirectory directory;

    @Inject
    OfficeLookup offices;

    @Inject
    PeerHeartbeats heartbeats;

    @Inject
    Clock clock;

    @Incoming(CHANNEL)
    @Blocking
    public void onHeartbeat(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        String eventId = EventIds.required(record);
        PeerHeartbeat heartbeat = PeerHeartbeat.from(eventId, PeerHeartbeatReceived.parseFrom(record.value()), clock.instant());
        // topology-service is asked only when the address changed, and before the transaction opens
        // (as for registrations: a slow neighbour must not hold a row lock)
        OfficeAnswer office = directory.addressOf(heartbeat.deviceId())
                .filter(stored -> !stored.equals(heartbeat.ipAddress()))
                .map(stored -> offices.resolve(heartbeat.ipAddress()))
                .orElse(null);
        KeyConflictRetry.run(() -> heartbeats.apply(heartbeat, office));
    }
}
