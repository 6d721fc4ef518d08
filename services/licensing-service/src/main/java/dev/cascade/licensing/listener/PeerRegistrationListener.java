package dev.cascade.licensing.listener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.licensing.seat.SeatRules;
import dev.cascade.licensing.seat.SeatRules.Decision;
import dev.cascade.licensing.service.SeatService;
import dev.cascade.processedevents.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * A registered peer is an installed client: it takes a seat, or keeps its seat seen. Applied once
 * per event id, and by {@link SeatRules} an old registration arriving late never takes back a seat
 * released after it; an event that cannot be read goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class PeerRegistrationListener {

    public static final String CHANNEL = "peer-registrations";
    private static final String TYPE = PeerRegistered.getDescriptor().getFullName();

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    SeatService seats;

    @Inject
    Clock clock;

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
        if (event.getReceivedAtUnixMs() <= 0) {
            throw new IllegalArgumentException("PeerRegistered event " + eventId + " has no received_at_unix_ms: "
                    + "the seat rules order activity by it");
        }
        if (!processedEvents.firstTime(eventId, TYPE)) {
            registry.counter("cascade_licensing_events_duplicate_total", "type", TYPE).increment();
            return;
        }
        Instant at = SeatRules.activityTime(event.getReceivedAtUnixMs(), Instant.now(clock));
        Decision decision = seats.recordActivity(event.getDeviceId(), event.getRegistration().getHostname(), at, Duration.ZERO);
        ActivityMetrics.count(registry, TYPE, decision);
    }
}
