package dev.cascade.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cascade.wire.Header;
import dev.cascade.wire.MessageType;

/** The event id is the RFC 4122 name-based UUID that protocol.md §6.1 specifies, bit for bit. */
class EventIdsTest {

    @Test
    void theEventIdIsTheNameBasedUuidOfSenderSequenceAndTimestamp() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            UUID sender = new UUID(random.nextLong(), random.nextLong());
            long sequence = random.nextLong();
            long timestamp = random.nextLong();
            Header header = new Header(1, MessageType.REGISTER.code(), 0, sender, 1, sequence, timestamp, 0);
            byte[] name = ByteBuffer.allocate(32).putLong(sender.getMostSignificantBits())
                    .putLong(sender.getLeastSignificantBits()).putLong(sequence).putLong(timestamp).array();

            assertThat(EventIds.eventId(header)).isEqualTo(UUID.nameUUIDFromBytes(name).toString());
        }
    }

    @Test
    void theSameDatagramGivesTheSameIdOnEveryThread() throws Exception {
        Header header = new Header(1, MessageType.REGISTER.code(), 0, UUID.randomUUID(), 1, 77, 1_795_651_200_000L, 0);
        String[] other = new String[1];
        Thread thread = new Thread(() -> other[0] = EventIds.eventId(header));
        thread.start();
        thread.join();

        assertThat(other[0]).isEqualTo(EventIds.eventId(header));
    }
}
