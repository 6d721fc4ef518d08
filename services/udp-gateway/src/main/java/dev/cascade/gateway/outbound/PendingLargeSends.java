package dev.cascade.gateway.outbound;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.wire.WireKey;

/**
 * The large messages the gateway is sending, by destination address and message id, so that a
 * FRAGMENT_ACK arriving on a large-reply port reaches the send it answers.
 */
public final class PendingLargeSends {

    private record SendKey(InetSocketAddress destination, long messageId) {
    }

    private final Map<SendKey, LargeSend> sends = new ConcurrentHashMap<>();

    void add(LargeSend send) {
        sends.put(new SendKey(send.destination(), send.message().messageId()), send);
    }

    void remove(LargeSend send) {
        sends.remove(new SendKey(send.destination(), send.message().messageId()));
    }

    /**
     * Hands {@code ack}, from {@code source} and verified with {@code key}, to its send. False if no send
     * matches: none to that address with that message id, or the ack is tagged with another key than the fragments.
     */
    public boolean route(FragmentAck ack, InetSocketAddress source, WireKey key) {
        LargeSend send = sends.get(new SendKey(source, ack.getMessageId()));
        if (send == null || send.key().id() != key.id()) {
            return false;
        }
        send.consider(ack);
        return true;
    }

    public int size() {
        return sends.size();
    }
}
