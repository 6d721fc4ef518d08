package dev.cascade.metadata.listener;

import java.time.Clock;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.PeerReplyReceived;
import dev.cascade.metadata.service.PeerReplies;
import dev.cascade.metadata.service.PeerReply;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The peers' ACKs and REJECTs of the server's messages ({@link PeerReplies}). An event that cannot be read goes to
 * the dead-letter topic with the reason.
 */
@ApplicationScoped
public class PeerReplyListener {

    public static final String CHANNEL = "peer-replies";

    @Inject
    PeerReplies replies;

    @Inject
    Clock clock;

    @Incoming(CHANNEL)
    @Blocking
    public void onReply(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        String eventId = EventIds.required(record);
        PeerReply reply = PeerReply.from(eventId, PeerReplyReceived.parseFrom(record.value()), clock.instant());
        if (reply.rejected()) {
            KeyConflictRetry.run(() -> replies.rejected(reply));
        } else {
            replies.acknowledged();
        }
    }
}
