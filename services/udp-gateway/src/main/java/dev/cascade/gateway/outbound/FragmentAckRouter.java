package dev.cascade.gateway.outbound;

import java.net.InetSocketAddress;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.udp.MessageHandler;
import dev.cascade.wire.Datagram;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.WireKey;

/**
 * FRAGMENT_ACKs on the large-reply ports: each goes to the large message the gateway is sending to its
 * source (protocol.md §10.1: the receiver acks to the fragments' source, the gateway's large-reply port).
 * One that matches no send in progress (a late ack of a finished send, or a stray) is counted as unmatched.
 */
public final class FragmentAckRouter implements MessageHandler {

    private final PendingLargeSends sends;
    private final GatewayMetrics metrics;

    public FragmentAckRouter(PendingLargeSends sends, GatewayMetrics metrics) {
        this.sends = sends;
        this.metrics = metrics;
    }

    @Override
    public void handle(Datagram datagram, WireKey key, InetSocketAddress source, long receivedNanos) {
        FragmentAck ack;
        try {
            ack = FragmentAck.parseFrom(datagram.payload());
        } catch (InvalidProtocolBufferException e) {
            metrics.dropped(DropReason.MALFORMED_PAYLOAD);
            return;
        }
        metrics.accepted(datagram.type());
        if (!sends.route(ack, source, key)) {
            metrics.fragmentAckUnmatched();
        }
    }
}
