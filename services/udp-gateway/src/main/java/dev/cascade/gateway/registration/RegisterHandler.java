package dev.cascade.gateway.registration;

import java.net.InetSocketAddress;
import java.time.Clock;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Register;
import dev.cascade.gateway.kafka.RegistrationPublisher;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.udp.RejectMessages;
import dev.cascade.gateway.udp.ReplySender;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.WireKey;

/**
 * An authenticated REGISTER: parse and validate its payload, then hand it to Kafka; or refuse it
 * with a REJECT (tagged with the sender's key) naming the bad field or the supported versions.
 */
public final class RegisterHandler {

    private final RegisterValidator validator;
    private final RegistrationPublisher publisher;
    private final ReplySender replies;
    private final RejectMessages rejects;
    private final GatewayMetrics metrics;
    private final Clock clock;

    public RegisterHandler(RegisterValidator validator, RegistrationPublisher publisher, ReplySender replies,
                           RejectMessages rejects, GatewayMetrics metrics, Clock clock) {
        this.validator = validator;
        this.publisher = publisher;
        this.replies = replies;
        this.rejects = rejects;
        this.metrics = metrics;
        this.clock = clock;
    }

    public void handle(Datagram datagram, WireKey key, InetSocketAddress source, long receivedNanos) {
        long sequence = datagram.header().sequence();
        Register register;
        try {
            register = Register.parseFrom(datagram.payload());
        } catch (InvalidProtocolBufferException e) {
            metrics.dropped(DropReason.MALFORMED_PAYLOAD);
            replies.rejectSigned(source, key, rejects.malformedPayload(sequence,
                    "payload is not a cascade.v1.Register message", clock.millis()));
            return;
        }
        RegisterValidation validation = validator.validate(register);
        if (validation instanceof RegisterValidation.Malformed malformed) {
            metrics.dropped(DropReason.MALFORMED_PAYLOAD);
            replies.rejectSigned(source, key, rejects.malformedPayload(sequence, malformed.detail(), clock.millis()));
        } else if (validation instanceof RegisterValidation.UnsupportedClientVersion unsupported) {
            metrics.dropped(DropReason.UNSUPPORTED_CLIENT_VERSION);
            replies.rejectSigned(source, key,
                    rejects.unsupportedClientVersion(sequence, unsupported.clientVersion(), clock.millis()));
        } else {
            publisher.publish(new PendingRegistration(datagram.header(), register, key, source, clock.millis(),
                    receivedNanos));
        }
    }
}
