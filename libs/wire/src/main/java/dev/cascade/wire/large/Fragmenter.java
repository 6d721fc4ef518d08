package dev.cascade.wire.large;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.google.protobuf.ByteString;

import dev.cascade.wire.MessageType;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;

/**
 * Splits a message payload into FRAGMENT datagrams (docs/protocol.md §10). The default fragment
 * size, 1200 bytes, keeps a fragment datagram (48 header + about 30 Fragment fields + data + 32 tag)
 * under 1472 bytes, the UDP payload of a 1500-byte Ethernet MTU, so no fragment is IP-fragmented.
 */
public final class Fragmenter {

    public static final int DEFAULT_FRAGMENT_SIZE = 1200;
    /** Receivers refuse smaller fragments: tiny fragments would make the bitmap and per-fragment work explode. */
    public static final int MIN_FRAGMENT_SIZE = 512;
    /** Leaves room for header, Fragment fields and tag inside the 65 507-byte datagram limit. */
    public static final int MAX_FRAGMENT_SIZE = 65_000;
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    private final int fragmentSize;
    private final int maxMessageSize;

    public Fragmenter() {
        this(DEFAULT_FRAGMENT_SIZE, DEFAULT_MAX_MESSAGE_SIZE);
    }

    public Fragmenter(int fragmentSize, int maxMessageSize) {
        if (fragmentSize < MIN_FRAGMENT_SIZE || fragmentSize > MAX_FRAGMENT_SIZE) {
            throw new IllegalArgumentException("fragment size " + fragmentSize + " is outside "
                    + MIN_FRAGMENT_SIZE + ".." + MAX_FRAGMENT_SIZE);
        }
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("max message size must be positive, was " + maxMessageSize);
        }
        this.fragmentSize = fragmentSize;
        this.maxMessageSize = maxMessageSize;
    }

    public int fragmentSize() {
        return fragmentSize;
    }

    /** The fragments of one message, ready to be encoded (and re-encoded for retransmission) one by one. */
    public FragmentedMessage split(MessageType type, byte[] payload, long messageId) {
        if (type == MessageType.FRAGMENT || type == MessageType.FRAGMENT_ACK) {
            throw new IllegalArgumentException("a " + type + " cannot itself be sent as a large message");
        }
        if (payload.length == 0) {
            throw new IllegalArgumentException("a large message of type " + type + " must not be empty");
        }
        if (payload.length > maxMessageSize) {
            throw new IllegalArgumentException("message of " + payload.length + " bytes exceeds the limit of "
                    + maxMessageSize + " bytes");
        }
        return new FragmentedMessage(type, ByteString.copyFrom(payload), fragmentSize, messageId);
    }

    /** Every fragment of the message as an authenticated datagram, each with its own sequence number. */
    public List<byte[]> datagrams(MessageType type, byte[] payload, UUID sender, WireKey key,
                                  SequenceCounter sequences, Clock clock, long messageId) {
        FragmentedMessage message = split(type, payload, messageId);
        List<byte[]> out = new ArrayList<>(message.count());
        for (int i = 0; i < message.count(); i++) {
            out.add(message.datagram(i, sender, key, sequences, clock));
        }
        return out;
    }
}
