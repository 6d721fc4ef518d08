package dev.cascade.licensing.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.processedevents.ProcessedEvents;
import dev.cascade.licensing.service.SeatService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * A registered peer is an installed client and takes one seat. Applied once per event id;
 * an event that cannot be read goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class PeerRegistrationListener {

    public static final String CHANNEL = "peer-registrations";
    private static final Logger LOG = Logger.getLogger(PeerRegistrationListener.class);
    private static final String TYPE = PeerRegistered.getDescriptor().getFullName();

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    SeatService seats;

    @Inject
    MeterRegistry registry;

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onPeerRegistered(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        String eventId = EventHeaders.required(record.headers(), EventHeaders.EVENT_ID);
        PeerRegistered event = PeerRegistered.parseFrom(record.value());
        if (event.getDeviceId().isBlank()) {
            throw new IllegalArgumentException("PeerRegistered event " + eventId + " has no device_id");
        }
        if (!processedEvents.firstTime(eventId, TYPE)) {
            registry.counter("cascade_licensing_events_duplicate_total", "type", TYPE).increment();
            return;
        }
        boolean taken = seats.takeSeat(event.getDeviceId(), event.getRegistration().getHostname());
        registry.counter("cascade_licensing_events_processed_total", "type", TYPE).increment();
        if (taken) {
            LOG.infof("seat taken by %s (%s)", event.getDeviceId(), event.getRegistration().getHostname());
        }
    }
}
