package dev.cascade.metadata.listener;

import java.time.Clock;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.InventoryReported;
import dev.cascade.metadata.inventory.Inventory;
import dev.cascade.metadata.inventory.InventoryUpdate;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Inventory reports update what each peer holds, once per event id and never with an older report
 * than one applied. An event that cannot be read goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class PeerInventoryListener {

    public static final String CHANNEL = "peer-inventory";

    @Inject
    Inventory inventory;

    @Inject
    Clock clock;

    @Incoming(CHANNEL)
    @Blocking
    public void onInventory(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        String eventId = EventIds.required(record);
        InventoryUpdate update = InventoryUpdate.from(eventId, InventoryReported.parseFrom(record.value()), clock.instant());
        KeyConflictRetry.run(() -> inventory.apply(update));
    }
}
