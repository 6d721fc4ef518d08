package dev.cascade.wire.large;

import java.time.Clock;
import java.util.UUID;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.Fragment;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;

/** One large message cut into fragments; made by {@link Fragmenter}. Immutable. */
public final class FragmentedMessage {

    private final MessageType type;
    private final ByteString payload;
    private final int fragmentSize;
    private final long messageId;
    private final int count;

    FragmentedMessage(MessageType type, ByteString payload, int fragmentSize, long messageId) {
        this.type = type;
        this.payload = payload;
        this.fragmentSize = fragmentSize;
        this.messageId = messageId;
        this.count = (int) (((long) payload.size() + fragmentSize - 1) / fragmentSize);
    }

    public MessageType type() {
        return type;
    }

    public long messageId() {
        return messageId;
    }

    public int count() {
        return count;
    }

    public int totalLength() {
        return payload.size();
    }

    public Fragment fragment(int index) {
        if (index < 0 || index >= count) {
            throw new IndexOutOfBoundsException("fragment " + index + " of a message of " + count + " fragments");
        }
        int from = index * fragmentSize;
        int to = Math.min(from + fragmentSize, payload.size());
        return Fragment.newBuilder()
                .setMessageId(messageId)
                .setMessageType(type.code())
                .setTotalLength(payload.size())
                .setFragmentSize(fragmentSize)
                .setIndex(index)
                .setData(payload.substring(from, to)) // shares the payload's bytes
                .build();
    }

    /**
     * Fragment {@code index} as an authenticated datagram. Each call takes a new sequence number,
     * so a retransmission is a new datagram (protocol.md §4).
     */
    public byte[] datagram(int index, UUID sender, WireKey key, SequenceCounter sequences, Clock clock) {
        return DatagramCodec.encode(MessageType.FRAGMENT, sender, key, sequences.next(), clock.millis(),
                fragment(index).toByteArray());
    }
}
