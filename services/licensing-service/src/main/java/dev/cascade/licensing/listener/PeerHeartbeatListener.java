package dev.cascade.licensing.listener;

import java.time.Clock;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.v1.PeerHeartbeatReceived;
import dev.cascade.licensing.config.LicensingConfig;
import dev.cascade.licensing.seat.SeatRules;
import dev.cascade.licensing.seat.SeatRules.Decision;
import dev.cascade.licensing.service.SeatService;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * A heartbeat proves the client is still installed: it moves the seat's last seen (which decides
 * retirement), takes a seat for a client whose registration has not arrived yet (the two topics are
 * not ordered with each other), and takes back a seat released before it was sent.
 * <p>
 * No processed-event log here, on purpose: every heartbeat would add a row, and the effect is
 * idempotent without it (last seen is a maximum, and {@link SeatRules} takes a seat only for
 * activity newer than its release), so a redelivered heartbeat changes nothing.
 */
@ApplicationScoped
public class PeerHeartbeatListener {

    public static final String CHANNEL = "peer-heartbeats";
    private static final String TYPE = PeerHeartbeatReceived.getDescriptor().getFullName();

    @Inject
    SeatService seats;

    @Inject
    LicensingConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry registry;

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onHeartbeat(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        String eventId = EventHeaders.required(record.headers(), EventHeaders.EVENT_ID);
        PeerHeartbeatReceived event = PeerHeartbeatReceived.parseFrom(record.value());
        if (event.getOrigin().getDeviceId().isBlank()) {
            throw new IllegalArgumentException("PeerHeartbeatReceived event " + eventId + " has no origin.device_id");
        }
        if (event.getOrigin().getReceivedAtUnixMs() <= 0) {
            throw new IllegalArgumentException("PeerHeartbeatReceived event " + eventId + " has no origin.received_at_unix_ms");
        }
        Instant at = SeatRules.activityTime(event.getOrigin().getReceivedAtUnixMs(), Instant.now(clock));
        Decision decision = seats.recordActivity(event.getOrigin().getDeviceId(), null, at, config.lastSeenResolution());
        ActivityMetrics.count(registry, TYPE, decision);
    }
}
