package dev.cascade.metadata.listener;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.TransferReported;
import dev.cascade.metadata.statistics.TransferOutcome;
import dev.cascade.metadata.statistics.TransferStatistics;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Transfer reports feed the statistics, once per event id and once per transfer id. An event that
 * cannot be read goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class PeerTransferListener {

    public static final String CHANNEL = "peer-transfers";

    @Inject
    TransferStatistics statistics;

    @Incoming(CHANNEL)
    @Blocking
    public void onTransfer(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        String eventId = EventIds.required(record);
        TransferOutcome transfer = TransferOutcome.from(eventId, TransferReported.parseFrom(record.value()));
        KeyConflictRetry.run(() -> statistics.apply(transfer));
    }
}
