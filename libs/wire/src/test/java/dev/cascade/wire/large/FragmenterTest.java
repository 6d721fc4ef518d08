package dev.cascade.wire.large;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;

class FragmenterTest {

    private static final int ETHERNET_UDP_PAYLOAD = 1500 - 20 - 8;

    private final WireKey key = new WireKey(3, KeyPurpose.CONNECTOR, new byte[32], null);
    private final UUID sender = UUID.randomUUID();

    @Test
    void defaultFragmentDatagramsFitA1500ByteMtuEvenAtTheLimits() {
        FragmentedMessage message = new Fragmenter().split(MessageType.APP_METADATA,
                new byte[Fragmenter.DEFAULT_MAX_MESSAGE_SIZE], -1L); // message id 2^64-1: the longest varint

        for (int index : List.of(0, message.count() - 2, message.count() - 1)) {
            assertThat(message.datagram(index, sender, key, new SequenceCounter(() -> Long.MAX_VALUE - 10),
                    Clock.systemUTC()).length).as("fragment %d", index).isLessThanOrEqualTo(ETHERNET_UDP_PAYLOAD);
        }
        assertThat(message.count()).isEqualTo((Fragmenter.DEFAULT_MAX_MESSAGE_SIZE + 1199) / 1200);
    }

    @Test
    void everyFragmentIsAnAuthenticatedDatagramWithItsOwnSequenceNumber() {
        byte[] payload = new byte[5000];
        new Random(1).nextBytes(payload);
        List<byte[]> datagrams = new Fragmenter().datagrams(MessageType.APP_METADATA, payload, sender, key,
                new SequenceCounter(), Clock.systemUTC(), 77);
        DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(10), Duration.ofSeconds(300),
                Clock.systemUTC(), Set.of(MessageType.FRAGMENT));
        Reassembler reassembler = new Reassembler(ReassemblyLimits.DEFAULTS);

        FragmentResult last = null;
        for (byte[] datagram : datagrams) {
            Verification verification = verifier.verify(datagram, datagram.length);
            assertThat(verification).isInstanceOf(Verification.Accepted.class); // so no sequence number repeats
            last = reassembler.accept(((Verification.Accepted) verification).datagram(), key, java.time.Instant.now());
        }

        assertThat(datagrams).hasSize(5);
        assertThat(((FragmentResult.Completed) last).message().payload()).isEqualTo(payload);
    }

    @Test
    void refusesToSendWhatAReceiverWouldRefuse() {
        Fragmenter fragmenter = new Fragmenter(1200, 10_000);

        assertThatThrownBy(() -> fragmenter.split(MessageType.APP_METADATA, new byte[10_001], 1))
                .hasMessageContaining("10001 bytes exceeds the limit of 10000");
        assertThatThrownBy(() -> fragmenter.split(MessageType.FRAGMENT, new byte[10], 1))
                .hasMessageContaining("FRAGMENT cannot itself be sent");
        assertThatThrownBy(() -> new Fragmenter(100, 10_000)).hasMessageContaining("fragment size 100 is outside 512..65000");
    }
}
