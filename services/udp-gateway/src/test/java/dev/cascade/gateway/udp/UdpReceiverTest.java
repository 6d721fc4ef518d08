package dev.cascade.gateway.udp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cascade.gateway.config.SupportedVersions;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The receive thread of one port on a real loopback socket: what it hands on, what it drops, how it stops. */
class UdpReceiverTest {

    private final WireKey key = new WireKey(1, KeyPurpose.FLEET, new byte[32], null);
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final GatewayMetrics metrics = new GatewayMetrics(registry);
    private final GatewaySocket socket = new GatewaySocket("small-messages", "127.0.0.1", 0, "test", 1 << 20);
    private final List<Long> handledSequences = new CopyOnWriteArrayList<>();
    private final List<InetSocketAddress> handledSources = new CopyOnWriteArrayList<>();
    private final DatagramSocket peer;
    private final UdpReceiver receiver;

    UdpReceiverTest() throws IOException {
        socket.bind();
        peer = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        peer.setSoTimeout(2_000);
        DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(1024), Duration.ofMinutes(5),
                Clock.systemUTC(), Set.of(MessageType.REGISTER));
        MessageHandler recording = (datagram, usedKey, source, receivedNanos) -> {
            handledSequences.add(datagram.header().sequence());
            handledSources.add(source);
        };
        ReplySender replies = new ReplySender(socket, UUID.randomUUID(), new SequenceCounter(),
                new SourceRateLimiter(100, 100, 10, System::nanoTime), metrics, Clock.systemUTC());
        DatagramHandler handler = new DatagramHandler(verifier, Map.of(MessageType.REGISTER, recording), replies,
                new RejectMessages(SupportedVersions.of("1.0.0", "1.99.99"), Duration.ofSeconds(300)), metrics,
                Clock.systemUTC());
        receiver = new UdpReceiver(socket, handler, metrics);
    }

    @AfterEach
    void close() {
        receiver.stop();
        peer.close();
        socket.close();
    }

    @Test
    void handsEveryAuthenticDatagramOnWithItsSourceAndCountsWhatItDrops() throws Exception {
        receiver.start();
        for (long sequence = 1; sequence <= 200; sequence++) {
            send(DatagramCodec.encode(MessageType.REGISTER, UUID.randomUUID(), key, sequence, System.currentTimeMillis(),
                    new byte[100]));
        }
        send(new byte[DatagramCodec.MAX_DATAGRAM_SIZE]); // the largest UDP payload IPv4 carries, no magic
        send(new byte[3]); // shorter than a header

        await().atMost(Duration.ofSeconds(5)).until(() -> handledSequences.size() == 200
                && dropped(DropReason.BAD_MAGIC) + dropped(DropReason.BAD_LENGTH) == 2);
        assertThat(handledSequences).hasSize(200).doesNotHaveDuplicates();
        assertThat(handledSources).allMatch(source -> source.equals(peer.getLocalSocketAddress()));
        assertThat(receiver.isAlive()).isTrue();
    }

    @Test
    void stopEndsTheThreadPromptlyAndLeavesTheSocketOpenForReplies() throws Exception {
        receiver.start();
        await().atMost(Duration.ofSeconds(2)).until(receiver::isAlive);
        Thread.sleep(100); // blocked in receive by now, with nothing to receive

        long started = System.nanoTime();
        receiver.stop();

        assertThat(receiver.isAlive()).as("the receive thread ended").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(socket.isBound()).as("ACKs of in-flight events still leave from this socket").isTrue();
        socket.send(new byte[] {1, 2, 3}, (InetSocketAddress) peer.getLocalSocketAddress());
        DatagramPacket reply = new DatagramPacket(new byte[16], 16);
        peer.receive(reply);
        assertThat(reply.getLength()).isEqualTo(3);

        send(DatagramCodec.encode(MessageType.REGISTER, UUID.randomUUID(), key, 1, System.currentTimeMillis(),
                new byte[10]));
        Thread.sleep(200);
        assertThat(handledSequences).as("nothing is handled after stop").isEmpty();
    }

    @Test
    void closingTheSocketEndsAThreadThatWasNotStopped() {
        receiver.start();
        await().atMost(Duration.ofSeconds(2)).until(receiver::isAlive);

        socket.close();

        await().atMost(Duration.ofSeconds(2)).until(() -> !receiver.isAlive());
    }

    private double dropped(DropReason reason) {
        return registry.get(GatewayMetrics.REJECTED).tag("reason", reason.label()).counter().count();
    }

    private void send(byte[] datagram) throws IOException {
        peer.send(new DatagramPacket(datagram, datagram.length, socket.boundAddress().orElseThrow()));
    }
}
