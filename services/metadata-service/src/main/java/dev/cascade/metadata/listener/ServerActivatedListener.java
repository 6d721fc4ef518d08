package dev.cascade.metadata.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.v1.ServerActivated;
import dev.cascade.metadata.activation.ServerActivation;
import dev.cascade.processedevents.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * activation-service's ServerActivated: records the activation once per event id, which publishes the
 * catalog (deployments are accepted from then on). An event that cannot be read goes to the
 * dead-letter topic with the reason.
 */
@ApplicationScoped
public class ServerActivatedListener {

    public static final String CHANNEL = "activation-events";
    private static final String TYPE = ServerActivated.getDescriptor().getFullName();

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    ServerActivation activation;

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onServerActivated(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        String eventId = EventHeaders.required(record.headers(), EventHeaders.EVENT_ID);
        if (eventId.length() > 64) {
            throw new IllegalArgumentException("event id '" + eventId + "' is longer than 64 characters");
        }
        ServerActivated event = ServerActivated.parseFrom(record.value());
        if (event.getServerName().isBlank() || event.getActivatedAtUnixMs() <= 0) {
            throw new IllegalArgumentException("ServerActivated event " + eventId
                    + " has no server_name or activated_at_unix_ms (expected both)");
        }
        if (event.getServerName().length() > 253 || event.getServerIp().length() > 45 || event.getCustomer().length() > 256) {
            throw new IllegalArgumentException("ServerActivated event " + eventId
                    + ": server_name (max 253), server_ip (max 45) or customer (max 256) is too long");
        }
        if (processedEvents.firstTime(eventId, TYPE)) {
            activation.record(eventId, event);
        }
    }
}
