package dev.cascade.benchmarks.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import dev.cascade.contracts.EventHeaders;

/**
 * Reads the registrations topic back and checks that every ACKed datagram's event is on it. The
 * expected event id is derived here from what was sent (docs/protocol.md §6.1: name-based UUID of
 * sender id, sequence and timestamp), not taken from the gateway's ACK, which must name the same id.
 */
final class TopicCheck {

    record Outcome(int acked, int ackNamesWrongEvent, int missing, int recordsRead) {
    }

    /** Checks the ACKed datagrams of every run in {@code results} against one read of the topic. */
    static Outcome check(String bootstrapServers, String topic, List<RegisterLoad.Result> results) {
        Set<String> expected = new HashSet<>();
        int wrongId = 0;
        int acked = 0;
        for (RegisterLoad.Result result : results) {
            acked += result.acked();
            for (int i = 0; i < result.ackEventId().length; i++) {
                if (result.ackEventId()[i] == null) {
                    continue;
                }
                String id = eventId(result.sender()[i], result.sequence()[i], result.timestampMillis()[i]);
                if (!id.equals(result.ackEventId()[i])) {
                    wrongId++;
                }
                expected.add(id);
            }
        }
        Set<String> found = new HashSet<>();
        int read = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "ingest-benchmark-check-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long idleSince = System.nanoTime();
            while (!found.containsAll(expected) && System.nanoTime() - idleSince < Duration.ofSeconds(15).toNanos()) {
                var records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    idleSince = System.nanoTime();
                }
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    read++;
                    Header header = record.headers().lastHeader(EventHeaders.EVENT_ID);
                    if (header != null) {
                        found.add(new String(header.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        expected.removeAll(found);
        return new Outcome(acked, wrongId, expected.size(), read);
    }

    static String eventId(UUID sender, long sequence, long timestampMillis) {
        return UUID.nameUUIDFromBytes(ByteBuffer.allocate(32)
                .putLong(sender.getMostSignificantBits()).putLong(sender.getLeastSignificantBits())
                .putLong(sequence).putLong(timestampMillis).array()).toString();
    }
}
