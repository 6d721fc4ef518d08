package dev.cascade.gateway.outbound;

import java.net.InetSocketAddress;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.large.DeliveryProgress;
import dev.cascade.wire.large.FragmentedMessage;

/**
 * One large message the gateway is sending: where to, with which key, and what the receiver has
 * told about it so far ({@link DeliveryProgress}; acks arrive on a receive thread, routed here by
 * {@link PendingLargeSends}).
 */
final class LargeSend extends DeliveryProgress {

    private final InetSocketAddress destination;
    private final WireKey key;

    LargeSend(FragmentedMessage message, InetSocketAddress destination, WireKey key) {
        super(message);
        this.destination = destination;
        this.key = key;
    }

    InetSocketAddress destination() {
        return destination;
    }

    WireKey key() {
        return key;
    }
}
