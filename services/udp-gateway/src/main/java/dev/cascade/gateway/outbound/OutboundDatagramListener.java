package dev.cascade.gateway.outbound;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.gateway.metrics.GatewayMetrics;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Consumes {@code cascade.gateway.outbound} (group udp-gateway). SmallRye Kafka rather than a
 * plain consumer: its dead-letter-queue failure strategy puts a record the gateway refuses on
 * {@code cascade.gateway.outbound.dlq.udp-gateway} with the refusal as {@code dead-letter-reason},
 * commits offsets only after the method returned, and reports the channel in the health checks,
 * as every other Cascade consumer does. Nothing here is transactional: sending is at least once.
 */
@ApplicationScoped
public class OutboundDatagramListener {

    public static final String CHANNEL = "gateway-outbound";

    @Inject
    OutboundSender sender;

    @Inject
    GatewayMetrics metrics;

    @Incoming(CHANNEL)
    @Blocking
    public void onOutbound(ConsumerRecord<String, byte[]> record) {
        OutboundDatagram outbound;
        try {
            outbound = OutboundDatagram.parseFrom(record.value() == null ? new byte[0] : record.value());
        } catch (InvalidProtocolBufferException e) {
            metrics.outboundFailed("invalid");
            throw new OutboundRefused("invalid", "record at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset() + " is not a cascade.v1.OutboundDatagram: " + e.getMessage());
        }
        sender.send(outbound);
    }
}
