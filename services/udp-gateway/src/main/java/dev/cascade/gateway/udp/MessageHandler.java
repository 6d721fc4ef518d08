package dev.cascade.gateway.udp;

import java.net.InetSocketAddress;

import dev.cascade.wire.Datagram;
import dev.cascade.wire.WireKey;

/** What the gateway does with one authenticated, fresh, unreplayed datagram of the types it is routed. */
public interface MessageHandler {

    /** {@code key} is the key that verified the datagram (replies are tagged with it). */
    void handle(Datagram datagram, WireKey key, InetSocketAddress source, long receivedNanos);
}
