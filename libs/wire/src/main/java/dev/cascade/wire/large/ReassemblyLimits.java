package dev.cascade.wire.large;

import java.time.Duration;

/**
 * The bounds a {@link Reassembler} enforces (docs/protocol.md §10.6).
 *
 * @param maxMessageBytes       largest total_length accepted; above it a message is refused TOO_LARGE
 * @param maxMessagesPerSender  messages one sender may have in reassembly at once
 * @param maxBytesPerSender     heap one sender's messages in reassembly may hold
 * @param maxBytesTotal         heap all messages in reassembly may hold together
 * @param incompleteTimeout     a message that got no fragment for this long is dropped and its memory freed
 * @param completedMemory       how long a completed message id is remembered, to answer late duplicates
 * @param maxCompletedRemembered how many completed message ids are remembered at most (oldest forgotten first)
 * @param ackDelay              a progress ack is sent once a message got no fragment for this long
 */
public record ReassemblyLimits(
        int maxMessageBytes,
        int maxMessagesPerSender,
        long maxBytesPerSender,
        long maxBytesTotal,
        Duration incompleteTimeout,
        Duration completedMemory,
        int maxCompletedRemembered,
        Duration ackDelay) {

    private static final long MIB = 1024 * 1024;

    public static final ReassemblyLimits DEFAULTS = new ReassemblyLimits((int) (16 * MIB), 8, 32 * MIB, 256 * MIB,
            Duration.ofSeconds(30), Duration.ofSeconds(60), 65_536, Duration.ofMillis(50));

    public ReassemblyLimits {
        if (maxMessageBytes < 1 || maxMessagesPerSender < 1 || maxBytesPerSender < 1 || maxBytesTotal < 1
                || maxCompletedRemembered < 0) {
            throw new IllegalArgumentException("reassembly limits must be positive: " + this);
        }
        if (incompleteTimeout.isNegative() || incompleteTimeout.isZero() || completedMemory.isNegative()
                || ackDelay.isNegative()) {
            throw new IllegalArgumentException("reassembly durations must not be negative: " + this);
        }
    }

    public ReassemblyLimits withMaxMessageBytes(int bytes) {
        return new ReassemblyLimits(bytes, maxMessagesPerSender, maxBytesPerSender, maxBytesTotal,
                incompleteTimeout, completedMemory, maxCompletedRemembered, ackDelay);
    }

    public ReassemblyLimits withPerSender(int messages, long bytes) {
        return new ReassemblyLimits(maxMessageBytes, messages, bytes, maxBytesTotal,
                incompleteTimeout, completedMemory, maxCompletedRemembered, ackDelay);
    }

    public ReassemblyLimits withMaxBytesTotal(long bytes) {
        return new ReassemblyLimits(maxMessageBytes, maxMessagesPerSender, maxBytesPerSender, bytes,
                incompleteTimeout, completedMemory, maxCompletedRemembered, ackDelay);
    }

    public ReassemblyLimits withTimeouts(Duration incomplete, Duration completed) {
        return new ReassemblyLimits(maxMessageBytes, maxMessagesPerSender, maxBytesPerSender, maxBytesTotal,
                incomplete, completed, maxCompletedRemembered, ackDelay);
    }
}
