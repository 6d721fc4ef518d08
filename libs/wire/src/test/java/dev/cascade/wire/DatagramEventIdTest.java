package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;

/** protocol.md §6.1's event id, computed from the bytes of the specification by hand. */
class DatagramEventIdTest {

    @Test
    void isTheNameBasedUuidOfSenderSequenceAndTimestamp() {
        UUID sender = UUID.fromString("6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b");
        Header header = new Header(1, MessageType.CLIENT_ACTIVATION.code(), 0, sender, 1, 1_795_680_000_000_000L,
                1_795_680_000_000L, 0);
        byte[] name = new byte[32];
        byte[] senderBytes = java.util.HexFormat.of().parseHex("6f1c2a3b4d5e4f608a7b9c0d1e2f3a4b");
        byte[] sequence = java.util.HexFormat.of().parseHex("0006612954" + "87c000");
        byte[] timestamp = java.util.HexFormat.of().parseHex("000001a216de5800");
        System.arraycopy(senderBytes, 0, name, 0, 16);
        System.arraycopy(sequence, 0, name, 16, 8);
        System.arraycopy(timestamp, 0, name, 24, 8);

        UUID id = DatagramEventId.of(header);

        assertThat(id).isEqualTo(UUID.nameUUIDFromBytes(name));
        assertThat(id.version()).isEqualTo(3);
        assertThat(DatagramEventId.of(new Header(1, 2, 0, sender, 7, header.sequence() + 1, header.timestampMillis(), 0)))
                .isNotEqualTo(id);
    }
}
