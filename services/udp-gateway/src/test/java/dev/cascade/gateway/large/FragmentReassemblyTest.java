package dev.cascade.gateway.large;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.Fragment;
import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.gateway.udp.GatewaySocket;
import dev.cascade.gateway.udp.ReplySender;
import dev.cascade.gateway.udp.SourceRateLimiter;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.large.FragmentBitmap;
import dev.cascade.wire.large.FragmentResult;
import dev.cascade.wire.large.Reassembler;
import dev.cascade.wire.large.ReassemblyLimits;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Progress acks go to where the sender's fragments came from, tagged with their key; gauges follow expiry. */
class FragmentReassemblyTest {

    private static final WireKey CONNECTOR = new WireKey(2, KeyPurpose.CONNECTOR, new byte[32], null);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T00:00:00Z"));
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private GatewaySocket gateway;
    private DatagramSocket sender;
    private FragmentReassembly reassembly;
    private ReplySender replies;

    @BeforeEach
    void setUp() throws Exception {
        gateway = new GatewaySocket("large-messages", "127.0.0.1", 0, "test.port", 65_536);
        gateway.bind();
        sender = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        sender.setSoTimeout(2_000);
        GatewayMetrics metrics = new GatewayMetrics(registry);
        reassembly = new FragmentReassembly(new Reassembler(ReassemblyLimits.DEFAULTS.withTimeouts(Duration.ofSeconds(5),
                Duration.ofSeconds(10)), Set.of(MessageType.APP_METADATA)), KeyRing.of(CONNECTOR), metrics, clock);
        replies = new ReplySender(gateway, UUID.randomUUID(), new SequenceCounter(),
                new SourceRateLimiter(100, 100, 10, System::nanoTime), metrics, clock);
    }

    @AfterEach
    void tearDown() {
        sender.close();
        gateway.close();
    }

    @Test
    void aProgressAckIsSentOnceTheAckDelayPassedAndTheMemoryIsFreedOnExpiry() throws Exception {
        UUID connector = UUID.randomUUID();
        FragmentResult held = reassembly.accept(connector, CONNECTOR, fragment(1), source(), replies);

        assertThat(held).isInstanceOf(FragmentResult.Held.class);
        assertThat(reassembly.messagesInReassembly()).isEqualTo(1);
        assertThat(gauge(GatewayMetrics.REASSEMBLY_BYTES)).as("the whole buffer, allocated with the first fragment")
                .isGreaterThanOrEqualTo(3_000);
        assertThat(reassembly.tick()).as("within the ack delay: nothing due").isZero();

        clock.advance(Duration.ofMillis(60));
        assertThat(reassembly.tick()).isEqualTo(1);
        FragmentAck ack = receiveAck();
        assertThat(ack.getMessageId()).isEqualTo(9);
        FragmentBitmap bitmap = FragmentBitmap.fromWire(3, ack.getReceived());
        assertThat(bitmap.get(1)).isTrue();
        assertThat(bitmap.held()).isEqualTo(1);
        assertThat(reassembly.tick()).as("one ack per pause").isZero();

        clock.advance(Duration.ofSeconds(6));
        reassembly.tick();
        assertThat(reassembly.messagesInReassembly()).isZero();
        assertThat(gauge(GatewayMetrics.REASSEMBLY_BYTES)).isZero();
        assertThat(gauge(GatewayMetrics.REASSEMBLY_MESSAGES)).isZero();
    }

    @Test
    void completingTheMessageFreesItAtOnce() {
        UUID connector = UUID.randomUUID();
        reassembly.accept(connector, CONNECTOR, fragment(0), source(), replies);
        reassembly.accept(connector, CONNECTOR, fragment(2), source(), replies);
        FragmentResult last = reassembly.accept(connector, CONNECTOR, fragment(1), source(), replies);

        assertThat(last).isInstanceOf(FragmentResult.Completed.class);
        assertThat(((FragmentResult.Completed) last).message().payload()).hasSize(3_000);
        assertThat(reassembly.messagesInReassembly()).isZero();
        assertThat(reassembly.bufferedBytes()).isZero();
    }

    private InetSocketAddress source() {
        return (InetSocketAddress) sender.getLocalSocketAddress();
    }

    /** Fragment {@code index} of APP_METADATA message 9: 3000 bytes in fragments of 1200. */
    private static Fragment fragment(int index) {
        int length = index < 2 ? 1_200 : 600;
        return Fragment.newBuilder().setMessageId(9).setMessageType(MessageType.APP_METADATA.code())
                .setTotalLength(3_000).setFragmentSize(1_200).setIndex(index)
                .setData(ByteString.copyFrom(new byte[length])).build();
    }

    private FragmentAck receiveAck() throws Exception {
        byte[] buffer = new byte[2_048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        sender.receive(packet);
        DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(CONNECTOR), new ReplayGuard(4),
                Duration.ofDays(365), clock, Set.of(MessageType.FRAGMENT_ACK));
        Verification verification = verifier.verify(buffer, packet.getLength());
        assertThat(verification).as("tagged with the fragments' key").isInstanceOf(Verification.Accepted.class);
        return FragmentAck.parseFrom(((Verification.Accepted) verification).datagram().payload());
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
