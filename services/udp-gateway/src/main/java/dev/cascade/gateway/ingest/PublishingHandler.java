package dev.cascade.gateway.ingest;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;

import dev.cascade.gateway.kafka.AcceptedDatagram;
import dev.cascade.gateway.kafka.EventPublisher;
import dev.cascade.gateway.kafka.EventRecords;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.udp.MessageHandler;
import dev.cascade.gateway.udp.RejectMessages;
import dev.cascade.gateway.udp.ReplySender;
import dev.cascade.gateway.udp.SourceRateLimiter;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.Header;
import dev.cascade.wire.WireKey;

/**
 * Checks 10-12 of docs/protocol.md §6 for one message family: parse and validate the payload, then
 * hand it to Kafka within the source's rate. A family that {@code answersSender} (REGISTER, the
 * peer reports, the connector's requests) gets a REJECT tagged with its key naming the bad field or the supported
 * versions, and an ACK once Kafka acknowledged; one that does not (peers' replies, control signals)
 * is only counted: answering a reply could start a loop between two parties.
 */
public final class PublishingHandler implements MessageHandler {

    private final PayloadReader reader;
    private final EventRecords records;
    private final boolean answersSender;
    private final EventPublisher publisher;
    private final SourceRateLimiter sourceLimit;
    private final ReplySender replies;
    private final RejectMessages rejects;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public PublishingHandler(PayloadReader reader, EventRecords records, boolean answersSender, EventPublisher publisher,
                             SourceRateLimiter sourceLimit, ReplySender replies, RejectMessages rejects,
                             GatewayMetrics metrics, Clock clock) {
        this.reader = reader;
        this.records = records;
        this.answersSender = answersSender;
        this.publisher = publisher;
        this.sourceLimit = sourceLimit;
        this.replies = replies;
        this.rejects = rejects;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void handle(Datagram datagram, WireKey key, InetSocketAddress source, long receivedNanos) {
        Header header = datagram.header();
        long sequence = header.sequence();
        int length = Header.SIZE + header.payloadLength() + Header.TAG_SIZE;
        PayloadValidation validation = reader.read(datagram.type(), datagram.payload());
        if (validation instanceof PayloadValidation.Malformed malformed) {
            metrics.malformed(datagram.type());
            if (answersSender) {
                replies.rejectSigned(source, key, rejects.malformedPayload(sequence, malformed.detail(), clock.millis()),
                        length);
            }
        } else if (validation instanceof PayloadValidation.UnsupportedClientVersion unsupported) {
            metrics.dropped(DropReason.UNSUPPORTED_CLIENT_VERSION);
            if (answersSender) {
                replies.rejectSigned(source, key, rejects.unsupportedClientVersion(sequence,
                        unsupported.field(), unsupported.clientVersion(), unsupported.supported(), clock.millis()), length);
            }
        } else if (!sourceLimit.tryAcquire(source.getAddress())) {
            metrics.dropped(DropReason.RATE_LIMITED); // no answer: the sender retransmits with backoff
        } else {
            PayloadValidation.Valid valid = (PayloadValidation.Valid) validation;
            publisher.publish(new AcceptedDatagram(header, datagram.type(), valid.message(), key, source,
                    clock.millis(), receivedNanos, answersSender ? Optional.of(replies) : Optional.empty()), records);
        }
    }
}
