package dev.cascade.metadata.listener;

import java.time.Clock;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.metadata.client.OfficeLookup;
import dev.cascade.metadata.service.OfficeAnswer;
import dev.cascade.metadata.service.PeerRegistration;
import dev.cascade.metadata.service.PeerRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Every registration updates the peer registry, once per event id. An event that cannot be read
 * goes to the dead-letter topic with the reason; topology-service being down is not such a
 * failure: the peer is stored with its office pending and resolved later.
 */
@ApplicationScoped
public class PeerRegistrationListener {

    public static final String CHANNEL = "peer-registrations";

    @Inject
    OfficeLookup offices;

    @Inject
    PeerRegistry peers;

    @Inject
    Clock clock;

    @Incoming(CHANNEL)
    @Blocking
    public void onPeerRegistered(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        String eventId = EventHeaders.required(record.headers(), EventHeaders.EVENT_ID);
        PeerRegistration registration = PeerRegistration.from(eventId, PeerRegistered.parseFrom(record.value()),
                clock.instant());
        // Asked before the transaction opens, not inside it: a slow or absent topology-service would
        // otherwise hold a database connection and the peer's row lock for up to the gRPC deadline.
        // The answer depends on the address alone; apply() discards it if the event turns out to be
        // a duplicate or out of order.
        OfficeAnswer office = offices.resolve(registration.ipAddress());
        KeyConflictRetry.run(() -> peers.apply(registration, office));
    }
}
