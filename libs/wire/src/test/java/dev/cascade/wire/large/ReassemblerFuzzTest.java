package dev.cascade.wire.large;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.Fragment;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.MessageType;

/**
 * Sequences of fragments, mostly well-formed (so that messages do complete) with hostile ones mixed in,
 * from three senders against small limits: never throws, never holds more than the limits allow, and a
 * completed message is exactly the concatenation of the fragments that were added to it.
 */
class ReassemblerFuzzTest {

    private static final ReassemblyLimits LIMITS = new ReassemblyLimits(8192, 2, 20_000, 40_000,
            Duration.ofSeconds(30), Duration.ofSeconds(60), 16, Duration.ofMillis(50));
    private static final UUID[] SENDERS = {new UUID(0, 1), new UUID(0, 2), new UUID(0, 3)};

    private record MessageKey(UUID sender, long messageId) {
    }

    @FuzzTest
    void reassemble(FuzzedDataProvider data) {
        Reassembler reassembler = new Reassembler(LIMITS);
        Map<MessageKey, Map<Integer, ByteString>> added = new HashMap<>();
        Instant now = Instant.parse("2026-11-25T04:00:00Z");
        for (int step = 0; step < 300 && data.remainingBytes() > 0; step++) {
            now = now.plusMillis(data.consumeInt(0, 40_000));
            UUID sender = data.pickValue(SENDERS);
            Fragment fragment = data.consumeBoolean() ? wellFormed(data) : arbitrary(data);
            long keyId = data.consumeInt(1, 2);
            KeyPurpose family = data.consumeBoolean() ? KeyPurpose.CONNECTOR : KeyPurpose.FLEET;

            FragmentResult result = reassembler.accept(sender, keyId, family, fragment, now);

            MessageKey key = new MessageKey(sender, fragment.getMessageId());
            if (result instanceof FragmentResult.Held held && held.added()) {
                if (held.held() == 1) {
                    added.remove(key); // a new reassembly of this id: whatever came before expired
                }
                added.computeIfAbsent(key, k -> new HashMap<>()).put(fragment.getIndex(), fragment.getData());
            } else if (result instanceof FragmentResult.Completed completed) {
                Map<Integer, ByteString> parts = added.computeIfAbsent(key, k -> new HashMap<>());
                parts.put(fragment.getIndex(), fragment.getData());
                ByteArrayOutputStream expected = new ByteArrayOutputStream();
                for (int i = 0; i < completed.ack().getFragmentCount(); i++) {
                    assertThat(parts).containsKey(i);
                    expected.writeBytes(parts.get(i).toByteArray());
                }
                assertThat(completed.message().payload()).isEqualTo(expected.toByteArray());
                added.remove(key);
            }
            assertWithinLimits(reassembler);
        }
        reassembler.expire(now.plus(LIMITS.incompleteTimeout()));
        assertThat(reassembler.bufferedBytes()).isZero();
    }

    private static void assertWithinLimits(Reassembler reassembler) {
        assertThat(reassembler.bufferedBytes()).isBetween(0L, LIMITS.maxBytesTotal());
        long sum = 0;
        for (UUID sender : SENDERS) {
            assertThat(reassembler.bufferedBytes(sender)).isBetween(0L, LIMITS.maxBytesPerSender());
            assertThat(reassembler.messagesInProgress(sender)).isBetween(0, LIMITS.maxMessagesPerSender());
            sum += reassembler.bufferedBytes(sender);
        }
        assertThat(reassembler.bufferedBytes()).isEqualTo(sum);
    }

    /** A fragment consistent with itself; whether it agrees with earlier ones of its id is up to the fuzzer. */
    private static Fragment wellFormed(FuzzedDataProvider data) {
        int total = data.consumeInt(1, 10_000);
        int size = data.consumeInt(Fragmenter.MIN_FRAGMENT_SIZE, 2048);
        int count = (total + size - 1) / size;
        int index = data.consumeInt(0, count - 1);
        int length = index < count - 1 ? size : total - (count - 1) * size;
        byte[] bytes = new byte[length];
        byte[] given = data.consumeBytes(length);
        System.arraycopy(given, 0, bytes, 0, given.length);
        return Fragment.newBuilder().setMessageId(data.consumeInt(0, 3)).setMessageType(MessageType.APP_METADATA.code())
                .setTotalLength(total).setFragmentSize(size).setIndex(index).setData(ByteString.copyFrom(bytes)).build();
    }

    private static Fragment arbitrary(FuzzedDataProvider data) {
        return Fragment.newBuilder()
                .setMessageId(data.consumeLong(0, 3))
                .setMessageType(data.consumeBoolean() ? MessageType.APP_METADATA.code() : data.consumeInt())
                .setTotalLength(data.consumeInt())
                .setFragmentSize(data.consumeInt())
                .setIndex(data.consumeInt())
                .setData(ByteString.copyFrom(data.consumeBytes(data.consumeInt(0, 3000))))
                .build();
    }
}
