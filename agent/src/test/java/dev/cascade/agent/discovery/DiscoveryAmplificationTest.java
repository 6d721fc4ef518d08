package dev.cascade.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cascade.wire.KeyRing;
import dev.cascade.wire.WireKey;

/**
 * How many bytes a responder sends for the bytes it receives (docs/protocol.md §12 records the table
 * this prints). The clock of the answer budget is the test's, so the counts are exact, not timed.
 * Run alone: {@code ./mvnw -B -q -pl libs/testkit,agent verify -Dtest=DiscoveryAmplificationTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DiscoveryAmplificationTest {

    /** A content id as long as a SHA-256 in hex: the longest the catalog uses. */
    private static final String CONTENT = "c".repeat(64);

    private final WireKey key = TestPeer.fleetKey(1);
    private final AtomicLong nanoTime = new AtomicLong(1_000_000_000L);
    private final MemoryPieceInventory inventory = new MemoryPieceInventory();
    private TestPeer asker;
    private DiscoveryResponder responder;

    @BeforeEach
    void start() throws Exception {
        asker = new TestPeer(InetAddress.getLoopbackAddress());
        DiscoveryResponder.Settings settings = DiscoveryResponder.Settings.defaults(
                List.of(Ipv4Subnet.of(InetAddress.getLoopbackAddress(), 8)), DiscoveryPolicy.parse("standard"))
                .withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        responder = DiscoveryResponder.start(settings, UUID.randomUUID(), KeyRing.of(key), inventory, new UploadSlots(4),
                Clock.systemUTC(), nanoTime::get);
    }

    @AfterEach
    void stop() {
        responder.close();
        asker.close();
    }

    private InetSocketAddress from() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), asker.port());
    }

    @Test
    void oneDiscoverOneReplyByPieceCount() {
        System.out.println("pieces held | DISCOVER bytes | DISCOVER_REPLY bytes | factor");
        long previousAnswered = 0;
        long previousReceived = 0;
        for (int pieces : List.of(1, 64, 1024, 8192, 65_536)) {
            inventory.put(CONTENT, PieceBitmap.all(pieces));
            nanoTime.addAndGet(10_000_000_000L); // a fresh budget for each size
            byte[] discover = asker.discover(key, CONTENT);
            responder.handle(discover, discover.length, from());

            DiscoveryCounters.Snapshot counters = responder.counters().snapshot();
            long request = counters.receivedBytes() - previousReceived;
            long reply = counters.answeredBytes() - previousAnswered;
            previousReceived = counters.receivedBytes();
            previousAnswered = counters.answeredBytes();
            System.out.printf(Locale.ROOT, "%11d | %14d | %20d | %6.2f%n", pieces, request, reply, (double) reply / request);

            // header 48 + tag 32 around Discover{64-byte id, reply port} and DiscoverReply{id, count, bitmap, port}
            assertThat(request).isEqualTo(80 + dev.cascade.contracts.v1.Discover.newBuilder().setContentId(CONTENT)
                    .setReplyPort(asker.port()).build().getSerializedSize());
            assertThat(reply).isEqualTo(80 + DiscoveryResponderPayloads.replyPayloadSize(CONTENT, PieceBitmap.all(pieces), 34760));
        }
    }

    @Test
    void aFloodFromOneSourceIsAnsweredWithinTheBudgetOnly() {
        inventory.put(CONTENT, PieceBitmap.all(1024));
        AnswerBudget.Limits limits = responder.settings().limits();
        int perSecond = 1_000;
        int seconds = 10;

        for (int i = 0; i < perSecond * seconds; i++) {
            byte[] discover = asker.discover(key, CONTENT);
            responder.handle(discover, discover.length, from());
            nanoTime.addAndGet(1_000_000_000L / perSecond);
        }

        DiscoveryCounters.Snapshot counters = responder.counters().snapshot();
        long allowed = limits.perSourceBurstBytes() + limits.perSourceBytesPerSecond() * seconds;
        long reply = counters.answeredBytes() / counters.answered();
        assertThat(counters.answeredBytes()).isBetween(allowed - reply, allowed);
        assertThat(counters.dropped("rate_limited")).isEqualTo(perSecond * seconds - counters.answered());
        double factor = (double) counters.answeredBytes() / counters.receivedBytes();
        System.out.printf(Locale.ROOT, "flood of %d DISCOVER/s for %d s, 1024 pieces held: %d answered, %d bytes in,"
                + " %d bytes out, factor %.4f%n", perSecond, seconds, counters.answered(), counters.receivedBytes(),
                counters.answeredBytes(), factor);
        assertThat(factor).isLessThan(0.1);
    }

    @Test
    void manySourcesShareTheTotalBudget() throws Exception {
        inventory.put(CONTENT, PieceBitmap.all(8192));
        AnswerBudget.Limits limits = responder.settings().limits();

        for (int host = 1; host <= 250; host++) {
            InetSocketAddress spoofed = new InetSocketAddress(InetAddress.getByName("127.0.9." + host), asker.port());
            for (int i = 0; i < 4; i++) {
                byte[] discover = asker.discover(key, CONTENT);
                responder.handle(discover, discover.length, spoofed);
            }
        }

        DiscoveryCounters.Snapshot counters = responder.counters().snapshot();
        long reply = counters.answeredBytes() / counters.answered();
        assertThat(counters.answeredBytes()).isBetween(limits.totalBurstBytes() - reply, limits.totalBurstBytes());
        System.out.printf(Locale.ROOT, "1000 DISCOVERs from 250 sources at once, 8192 pieces held: %d answered,"
                + " %d bytes in, %d bytes out (the total burst)%n", counters.answered(), counters.receivedBytes(),
                counters.answeredBytes());
    }

    /** Kept here so the expected size is computed from the protobuf, not copied from the responder. */
    static final class DiscoveryResponderPayloads {
        static int replyPayloadSize(String contentId, PieceBitmap pieces, int contentPort) {
            return dev.cascade.contracts.v1.DiscoverReply.newBuilder().setContentId(contentId)
                    .setPieceCount(pieces.pieceCount()).setPieces(com.google.protobuf.ByteString.copyFrom(pieces.toWire()))
                    .setContentPort(contentPort).build().getSerializedSize();
        }
    }
}
