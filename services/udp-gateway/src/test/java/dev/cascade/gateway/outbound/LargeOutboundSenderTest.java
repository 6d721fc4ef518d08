package dev.cascade.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.contracts.v1.FragmentRefusal;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.udp.GatewaySocket;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.large.FragmentBitmap;
import dev.cascade.wire.large.Fragmenter;
import dev.cascade.wire.large.SendSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class LargeOutboundSenderTest {

    private static final WireKey FLEET = new WireKey(1, KeyPurpose.FLEET, new byte[32], null);
    private static final WireKey OTHER = new WireKey(2, KeyPurpose.FLEET, new byte[32], null);
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 34_337);

    @Test
    void anAckReachesOnlyTheSendToItsSourceWithItsMessageIdAndKey() {
        PendingLargeSends pending = new PendingLargeSends();
        LargeSend send = new LargeSend(new Fragmenter().split(MessageType.DISCOVER_REPLY, new byte[5_000], 77), PEER, FLEET);
        pending.add(send);
        FragmentAck complete = FragmentAck.newBuilder().setMessageId(77).setFragmentCount(5).setComplete(true).build();

        assertThat(pending.route(complete.toBuilder().setMessageId(78).build(), PEER, FLEET)).isFalse();
        assertThat(pending.route(complete, new InetSocketAddress(InetAddress.getLoopbackAddress(), 34_338), FLEET))
                .isFalse();
        assertThat(pending.route(complete, PEER, OTHER)).as("tagged with another key than the fragments").isFalse();
        assertThat(send.finished()).isFalse();

        assertThat(pending.route(complete, PEER, FLEET)).isTrue();
        assertThat(send.complete()).isTrue();
        pending.remove(send);
        assertThat(pending.size()).isZero();
    }

    @Test
    void theNextRoundResendsWhatTheFullestAckLacksOrOneProbeAfterSilence() {
        LargeSend send = new LargeSend(new Fragmenter().split(MessageType.DISCOVER_REPLY, new byte[6_000], 1), PEER, FLEET);
        assertThat(send.missing(false)).containsExactly(0);

        FragmentBitmap held = new FragmentBitmap(5);
        held.set(0);
        held.set(2);
        send.consider(progress(held));
        FragmentBitmap less = new FragmentBitmap(5);
        less.set(0);
        send.consider(progress(less)); // an older, emptier ack arriving late changes nothing

        assertThat(send.held()).isEqualTo(2);
        assertThat(send.missing(true)).containsExactly(1, 3, 4);
        send.consider(FragmentAck.newBuilder().setMessageId(1).setRefusal(FragmentRefusal.FRAGMENT_REFUSAL_BUSY).build());
        assertThat(send.finished()).isTrue();
        assertThat(send.refusal()).isEqualTo(FragmentRefusal.FRAGMENT_REFUSAL_BUSY);
    }

    @Test
    void aFullQueueRefusesTheMessageSoItIsDeadLetteredNotLost() {
        GatewaySocket socket = new GatewaySocket("test", "127.0.0.1", 0, "test.port", 65_536);
        socket.bind();
        LargeOutboundSender sender = new LargeOutboundSender(socket, UUID.randomUUID(), new SequenceCounter(),
                Clock.systemUTC(), new Fragmenter(), SendSettings.DEFAULTS, new PendingLargeSends(),
                new GatewayMetrics(new SimpleMeterRegistry()), 1, 1);
        try {
            byte[] payload = new byte[100_000];
            sender.submit(MessageType.DISCOVER_REPLY, payload, FLEET, PEER, "e-1"); // sending (nobody answers)
            assertThatThrownBy(() -> {
                for (int i = 0; i < 3; i++) { // the second may wait in the queue of one; the third cannot
                    sender.submit(MessageType.DISCOVER_REPLY, payload, FLEET, PEER, "e-" + (i + 2));
                }
            }).isInstanceOf(OutboundRefused.class).hasMessageContaining("outbound large-message queue full")
                    .satisfies(e -> assertThat(((OutboundRefused) e).label()).isEqualTo("queue_full"));
        } finally {
            sender.close();
            socket.close();
        }
    }

    private static FragmentAck progress(FragmentBitmap held) {
        ByteString received = held.toWire();
        return FragmentAck.newBuilder().setMessageId(1).setFragmentCount(held.count()).setReceived(received).build();
    }
}
