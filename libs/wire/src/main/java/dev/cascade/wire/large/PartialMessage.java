package dev.cascade.wire.large;

import java.time.Instant;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.wire.MessageType;

/**
 * One message in reassembly. The whole payload buffer is allocated when the first fragment arrives,
 * so the bytes accounted for it are exactly the heap it holds, and an admitted message always has room
 * to finish. Guarded by its {@link Reassembler}'s lock.
 */
final class PartialMessage {

    /** Object headers, map entries and fields around the buffer and bitmap, counted so that many tiny messages cost what they hold. */
    static final int OVERHEAD_BYTES = 256;

    private final long messageId;
    private final MessageType type;
    private final long keyId;
    private final int fragmentSize;
    private final byte[] buffer;
    private final FragmentBitmap bitmap;
    private Instant lastFragmentAt;
    private boolean ackDue;

    PartialMessage(long messageId, MessageType type, long keyId, int totalLength, int fragmentSize, int count,
                   Instant now) {
        this.messageId = messageId;
        this.type = type;
        this.keyId = keyId;
        this.fragmentSize = fragmentSize;
        this.buffer = new byte[totalLength];
        this.bitmap = new FragmentBitmap(count);
        this.lastFragmentAt = now;
    }

    static long costOf(int totalLength, int count) {
        return totalLength + ((long) count + 63) / 64 * 8 + OVERHEAD_BYTES;
    }

    long accountedBytes() {
        return costOf(buffer.length, bitmap.count());
    }

    /** Null if the fragment's parameters match this message's, else what differs. */
    String mismatch(MessageType otherType, long otherKeyId, long totalLength, long otherFragmentSize) {
        if (otherType != type) {
            return "message_type " + otherType + " differs from the first fragment's " + type;
        }
        if (totalLength != buffer.length) {
            return "total_length " + totalLength + " differs from the first fragment's " + buffer.length;
        }
        if (otherFragmentSize != fragmentSize) {
            return "fragment_size " + otherFragmentSize + " differs from the first fragment's " + fragmentSize;
        }
        if (otherKeyId != keyId) {
            return "key id " + otherKeyId + " differs from the first fragment's " + keyId;
        }
        return null;
    }

    /** Stores fragment {@code index} (its length already checked); false for a duplicate, whose data is ignored. */
    boolean add(int index, ByteString data, Instant now) {
        lastFragmentAt = now;
        ackDue = true; // a duplicate too: the sender evidently missed our last ack
        if (!bitmap.set(index)) {
            return false;
        }
        data.copyTo(buffer, index * fragmentSize);
        return true;
    }

    boolean complete() {
        return bitmap.complete();
    }

    boolean expired(Instant now, java.time.Duration timeout) {
        return !lastFragmentAt.plus(timeout).isAfter(now);
    }

    /** True (once) when a progress ack is due: fragments arrived since the last ack and none for {@code delay}. */
    boolean takeAckDue(Instant now, java.time.Duration delay) {
        if (ackDue && !lastFragmentAt.plus(delay).isAfter(now)) {
            ackDue = false;
            return true;
        }
        return false;
    }

    FragmentAck ack() {
        return FragmentAck.newBuilder()
                .setMessageId(messageId)
                .setFragmentCount(bitmap.count())
                .setReceived(bitmap.toWire())
                .build();
    }

    int held() {
        return bitmap.held();
    }

    int count() {
        return bitmap.count();
    }

    MessageType type() {
        return type;
    }

    long keyId() {
        return keyId;
    }

    byte[] payload() {
        return buffer;
    }
}
