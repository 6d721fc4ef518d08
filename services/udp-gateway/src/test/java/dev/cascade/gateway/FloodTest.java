package dev.cascade.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.UUID;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.testkit.KafkaBrokerResource;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.Header;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.Reply;
import dev.cascade.wire.WireKey;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A flood of forged datagrams (valid-looking headers from many sender ids, random tags; one in ten
 * naming an unknown key id) sent as fast as one thread can over loopback: none is accepted, every
 * one the socket delivered is counted as bad_tag or unknown_key, and a genuine REGISTER right after
 * is acknowledged. The kernel may drop some when the gateway falls behind; those are the difference
 * between sent and received. Size: {@code -Dcascade.flood.count} (default 1 000 000).
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(GatewayKeyFileResource.class)
class FloodTest extends GatewayTestSupport {

    private static final Logger LOG = Logger.getLogger(FloodTest.class);
    private static final int COUNT = Integer.getInteger("cascade.flood.count", 1_000_000);
    private static final int SENDERS = 10_000;

    @Test
    void aMillionForgedDatagramsAreAllRefusedAndAGenuinePeerIsStillServed() throws Exception {
        InetSocketAddress gateway = TestPeer.gatewayAddress();
        String port = Integer.toString(gateway.getPort());
        GatewayMetricsText before = GatewayMetricsText.scrape();

        long start = System.nanoTime();
        long sent = flood(gateway, fleetKey());
        long sentNanos = System.nanoTime() - start;

        // the receive thread drains the socket buffer: wait until the count stops moving
        double[] last = {-1};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            double now = counter(GatewayMetrics.RECEIVED, "port", port);
            boolean settled = now == last[0];
            last[0] = now;
            return settled;
        });
        GatewayMetricsText after = GatewayMetricsText.scrape();
        double received = after.get(GatewayMetrics.RECEIVED, "port", port) - before.get(GatewayMetrics.RECEIVED, "port", port);
        double badTag = delta(before, after, DropReason.BAD_TAG);
        double unknownKey = delta(before, after, DropReason.UNKNOWN_KEY);
        double accepted = after.sum(GatewayMetrics.ACCEPTED) - before.sum(GatewayMetrics.ACCEPTED);
        LOG.infof("flood: sent %d forged datagrams in %d ms; gateway received %.0f (bad_tag %.0f, unknown_key %.0f), "
                + "kernel dropped %.0f; settled after %d ms", sent, sentNanos / 1_000_000, received, badTag, unknownKey,
                sent - received, (System.nanoTime() - start) / 1_000_000);

        assertThat(accepted).as("no forged datagram accepted").isZero();
        assertThat(received).as("the gateway saw the flood").isGreaterThan(0).isLessThanOrEqualTo(sent);
        assertThat(badTag + unknownKey).as("every received forgery counted by reason").isEqualTo(received);
        assertThat(unknownKey).as("the forgeries naming an unknown key id").isPositive();
        assertThat(counter(GatewayMetrics.INTERNAL_ERRORS)).isZero();

        try (TestPeer peer = new TestPeer(fleetKey())) {
            Reply reply = peer.register(TestPeer.registration("pc-after-the-flood", "1.0.0"));
            assertThat(reply).isInstanceOf(Reply.Acked.class);
        }
    }

    private static double delta(GatewayMetricsText before, GatewayMetricsText after, DropReason reason) {
        return after.get(GatewayMetrics.REJECTED, "reason", reason.label())
                - before.get(GatewayMetrics.REJECTED, "reason", reason.label());
    }

    /** Sends {@link #COUNT} forgeries; returns how many the socket took. */
    private static long flood(InetSocketAddress gateway, WireKey fleet) throws Exception {
        SplittableRandom random = new SplittableRandom(20_261_125);
        UUID[] senders = new UUID[SENDERS];
        for (int i = 0; i < SENDERS; i++) {
            senders[i] = new UUID(random.nextLong(), random.nextLong());
        }
        byte[] payload = TestPeer.registration("pc-forged", "1.0.0").toByteArray();
        byte[] datagram = DatagramCodec.encode(MessageType.REGISTER, senders[0], fleet, 1, System.currentTimeMillis(),
                payload); // a genuine layout; sender, key id, sequence and tag are then overwritten
        ByteBuffer buffer = ByteBuffer.wrap(datagram);
        int tagOffset = Header.SIZE + payload.length;
        long sent = 0;
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
            channel.connect(gateway);
            for (int i = 0; i < COUNT; i++) {
                UUID sender = senders[i % SENDERS];
                buffer.putLong(8, sender.getMostSignificantBits()).putLong(16, sender.getLeastSignificantBits());
                buffer.putInt(24, i % 10 == 0 ? 1_000_000 + (i % 1000) : (int) fleet.id());
                buffer.putLong(28, 1_000_000_000L + i);
                buffer.putLong(36, System.currentTimeMillis());
                for (int t = 0; t < Header.TAG_SIZE; t += 8) {
                    buffer.putLong(tagOffset + t, random.nextLong());
                }
                buffer.clear();
                try {
                    sent += channel.write(buffer) > 0 ? 1 : 0;
                } catch (java.net.PortUnreachableException e) {
                    // an ICMP error from an earlier send; loopback to a bound port should not give one
                    throw new AssertionError("the gateway's port is unreachable", e);
                }
            }
        }
        return sent;
    }
}
