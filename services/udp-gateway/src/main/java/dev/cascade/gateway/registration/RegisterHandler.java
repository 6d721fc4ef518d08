package dev.cascade.gateway.registration;

import java.net.InetSocketAddress;
import java.time.Clock;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Register;
import dev.cascade.gateway.kafka.RegistrationPublisher;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.udp.RejectMessages;
import dev.cascade.gateway.udp.ReplySender;
import dev.cascade.gateway.udp.SourceRateLimiter;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.Header;
import dev.cascade.wire.WireKey;

/**
 * An authenticated REGISTER: parse and validate its payload, then hand it to Kafka within the
 * source's rate; or refuse it with a REJECT (tagged with the sender's key) naming the bad field or
 * the supported versions. Checks 10-12 of docs/protocol.md §6.
 */
public final class RegisterHandler {

    private final RegisterValidator validator;
    private final RegistrationPublisher publisher;
    private final SourceRateLimiter sourceLimit;
    private final ReplySender replies;
    private final RejectMessages rejects;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public RegisterHandler(RegisterValidator validator, RegistrationPublisher publisher, SourceRateLimiter sourceLimit,
                           ReplySender replies, RejectMessages rejects, GatewayMetrics metrics, Clock clock) {
        this.validator = validator;
        this.publisher = publisher;
        this.sourceLimit = sourceLimit;
        this.replies = replies;
        this.rejects = rejects;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void handle(Datagram datagram, WireKey key, InetSocketAddress source, long receivedNanos) {
        long sequence = datagram.header().sequence();
        int length = Header.SIZE + datagram.header().payloadLength() + Header.TAG_SIZE;
        Register register;
        try {
            register = Register.parseFrom(datagram.payload());
        } catch (InvalidProtocolBufferException e) {
            metrics.dropped(DropReason.MALFORMED_PAYLOAD);
            replies.rejectSigned(source, key, rejects.malformedPayload(sequence,
                    "payload is not a cascade.v1.Register message", clock.millis()), length);
            return;
        }
        RegisterValidation validation = validator.validate(register);
        if (validation instanceof RegisterValidation.Malformed malformed) {
            metrics.dropped(DropReason.MALFORMED_PAYLOAD);
            replies.rejectSigned(source, key, rejects.malformedPayload(sequence, malformed.detail(), clock.millis()), length);
        } else if (validation instanceof RegisterValidation.UnsupportedClientVersion unsupported) {
            metrics.dropped(DropReason.UNSUPPORTED_CLIENT_VERSION);
            replies.rejectSigned(source, key,
                    rejects.unsupportedClientVersion(sequence, unsupported.clientVersion(), clock.millis()), length);
        } else if (!sourceLimit.tryAcquire(source.getAddress())) {
            metrics.dropped(DropReason.RATE_LIMITED); // no answer: the peer retransmits with backoff
        } else {
            publisher.publish(new PendingRegistration(datagram.header(), register, key, source, clock.millis(),
                    receivedNanos));
        }
    }
}
