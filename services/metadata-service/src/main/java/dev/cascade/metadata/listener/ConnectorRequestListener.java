package dev.cascade.metadata.listener;

import java.time.Clock;
import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.ConnectorRequestReceived;
import dev.cascade.metadata.catalog.Catalog;
import dev.cascade.metadata.catalog.CatalogEntry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The connector's APP_METADATA requests fill the content catalog, once per event id. Activation and
 * status requests on the same topic are activation-service's and are skipped. A publication that
 * cannot be read, or that contradicts the stored blob (another SHA-256 for a known content id),
 * goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class ConnectorRequestListener {

    public static final String CHANNEL = "connector-requests";

    @Inject
    Catalog catalog;

    @Inject
    Clock clock;

    @Incoming(CHANNEL)
    @Blocking
    public void onConnectorRequest(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        String eventId = EventIds.required(record);
        ConnectorRequestReceived event = ConnectorRequestReceived.parseFrom(record.value());
        if (event.getRequestCase() != ConnectorRequestReceived.RequestCase.APP_METADATA) {
            return;
        }
        CatalogEntry entry = CatalogEntry.from(event.getAppMetadata());
        Instant receivedAt = event.getReceivedAtUnixMs() > 0 ? Instant.ofEpochMilli(event.getReceivedAtUnixMs()) : clock.instant();
        String connector = event.getConnectorId().length() > 64 ? event.getConnectorId().substring(0, 64) : event.getConnectorId();
        KeyConflictRetry.run(() -> catalog.publish(eventId, connector, entry, receivedAt));
    }
}
