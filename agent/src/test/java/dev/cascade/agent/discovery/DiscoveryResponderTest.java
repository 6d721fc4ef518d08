package dev.cascade.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.Discover;
import dev.cascade.contracts.v1.DiscoverReply;
import dev.cascade.contracts.v1.OfficeType;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.WireKey;

/** The responder on real UDP sockets over loopback: what it answers, with what, and what it drops and why. */
class DiscoveryResponderTest {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String CONTENT = "sha256-4f1c";

    private final WireKey key = TestPeer.fleetKey(1);
    private final UUID deviceId = UUID.randomUUID();
    private final MemoryPieceInventory inventory = new MemoryPieceInventory();
    private final UploadSlots slots = new UploadSlots(2);
    private final AtomicLong nanoTime = new AtomicLong(1_000_000_000L);
    private final List<AutoCloseable> closing = new java.util.ArrayList<>();
    private TestPeer asker;

    @BeforeEach
    void asker() throws Exception {
        asker = new TestPeer(InetAddress.getLoopbackAddress());
        closing.add(asker);
        inventory.put(CONTENT, PieceBitmap.of(12, 0, 1, 2, 5, 9));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private DiscoveryResponder responder(String subnet, DiscoveryPolicy policy, AnswerBudget.Limits limits, KeyRing keys)
            throws Exception {
        DiscoveryResponder.Settings settings = new DiscoveryResponder.Settings(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                List.of(Ipv4Subnet.of(InetAddress.getByName(subnet.split("/")[0]), Integer.parseInt(subnet.split("/")[1]))),
                () -> policy, 24760, limits, Duration.ofSeconds(300), 64);
        DiscoveryResponder responder = DiscoveryResponder.start(settings, deviceId, keys, inventory, slots,
                Clock.systemUTC(), nanoTime::get);
        closing.add(responder);
        return responder;
    }

    private DiscoveryResponder standard() throws Exception {
        return responder("127.0.0.1/8", DiscoveryPolicy.parse("standard"), AnswerBudget.Limits.defaults(), KeyRing.of(key));
    }

    /** Waits until the responder has handled {@code count} datagrams to the end (answered or dropped). */
    static void awaitHandled(DiscoveryResponder responder, long count) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (handled(responder.counters().snapshot()) < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the responder handled " + handled(responder.counters().snapshot()) + " of "
                        + count + " datagrams: " + responder.counters().snapshot().format());
            }
            Thread.sleep(5);
        }
    }

    private static long handled(DiscoveryCounters.Snapshot snapshot) {
        return snapshot.answered() + snapshot.dropped().values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void answersAHeldContentWithItsBitmapTheBusyFlagAndTheContentPort() throws Exception {
        DiscoveryResponder responder = standard();

        asker.send(asker.discover(key, CONTENT), responder.localAddress());
        TestPeer.Reply reply = asker.receiveReply(KeyRing.of(key), WAIT);

        assertThat(reply.datagram().type()).isEqualTo(MessageType.DISCOVER_REPLY);
        assertThat(reply.datagram().header().senderId()).isEqualTo(deviceId);
        assertThat(reply.from().getPort()).isEqualTo(responder.localAddress().getPort());
        DiscoverReply body = reply.reply();
        assertThat(body.getContentId()).isEqualTo(CONTENT);
        assertThat(body.getPieceCount()).isEqualTo(12);
        assertThat(body.getPieces().toByteArray()).containsExactly(0x27, 0x02);
        assertThat(body.getBusy()).isFalse();
        assertThat(body.getContentPort()).isEqualTo(24760);
        awaitHandled(responder, 1);
        assertThat(responder.counters().snapshot().format())
                .matches("received=1 received_bytes=\\d+ answered=1 answered_bytes=\\d+");
    }

    @Test
    void saysBusyWhileEveryUploadSlotIsTaken() throws Exception {
        DiscoveryResponder responder = standard();
        slots.tryAcquire();
        slots.tryAcquire();

        asker.send(asker.discover(key, CONTENT), responder.localAddress());

        assertThat(asker.receiveReply(KeyRing.of(key), WAIT).reply().getBusy()).isTrue();
    }

    @Test
    void tagsTheReplyWithTheKeyThatVerifiedTheDiscover() throws Exception {
        WireKey current = TestPeer.fleetKey(2);
        WireKey retired = key.retiredUntil(Instant.now().plusSeconds(3600));
        DiscoveryResponder responder = responder("127.0.0.1/8", DiscoveryPolicy.parse("standard"),
                AnswerBudget.Limits.defaults(), KeyRing.of(current, retired));

        asker.send(asker.discover(key, CONTENT), responder.localAddress()); // an asker that has not rotated yet

        TestPeer.Reply reply = asker.receiveReply(KeyRing.of(key), WAIT);
        assertThat(reply.datagram().header().keyId()).isEqualTo(1);
    }

    @Test
    void followsTheOfficeTypeAndTheKeyRingAsTheyChangeWhileItRuns() throws Exception {
        java.util.concurrent.atomic.AtomicReference<DiscoveryPolicy> policy =
                new java.util.concurrent.atomic.AtomicReference<>(DiscoveryPolicy.parse("standard"));
        KeyRing ring = KeyRing.of(key);
        java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();
        DiscoveryResponder responder = DiscoveryResponder.start(DiscoveryResponder.Settings.defaults(
                List.of(Ipv4Subnet.of(InetAddress.getLoopbackAddress(), 8)), policy::get)
                .withBind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)), deviceId, ring, inventory, busy::get);
        closing.add(responder);

        asker.send(asker.discover(key, CONTENT), responder.localAddress());
        assertThat(asker.receiveReply(ring, WAIT).reply().getBusy()).isFalse();

        policy.set(DiscoveryPolicy.parse("vpn")); // a plan named the office VPN
        asker.send(asker.discover(key, CONTENT), responder.localAddress());
        awaitHandled(responder, 2);
        assertThat(responder.counters().droppedCount(DiscoveryDrop.OFFICE_POLICY)).isEqualTo(1);

        policy.set(DiscoveryPolicy.parse("standard"));
        busy.set(true);
        WireKey delivered = TestPeer.fleetKey(9);
        ring.replaceAll(List.of(delivered)); // the server re-keyed the fleet
        asker.send(asker.discover(key, CONTENT), responder.localAddress());
        asker.send(asker.discover(delivered, CONTENT), responder.localAddress());
        TestPeer.Reply reply = asker.receiveReply(KeyRing.of(delivered), WAIT);
        assertThat(reply.datagram().header().keyId()).isEqualTo(9);
        assertThat(reply.reply().getBusy()).isTrue();
        assertThat(responder.counters().droppedCount(DropReason.UNKNOWN_KEY)).as("the replaced key").isEqualTo(1);
    }

    @Test
    void answersNothingForAContentItHoldsNoPieceOf() throws Exception {
        DiscoveryResponder responder = standard();
        inventory.track("empty", 4);

        asker.send(asker.discover(key, "not-here"), responder.localAddress());
        asker.send(asker.discover(key, "empty"), responder.localAddress());
        asker.send(asker.discover(key, CONTENT), responder.localAddress());

        // one loop, in order: the first reply is the third DISCOVER's, so the first two got none
        assertThat(asker.receiveReply(KeyRing.of(key), WAIT).reply().getContentId()).isEqualTo(CONTENT);
        awaitHandled(responder, 3);
        assertThat(responder.counters().droppedCount(DiscoveryDrop.NOT_HELD)).isEqualTo(2);
        assertThat(responder.counters().answeredCount()).isEqualTo(1);
    }

    @Test
    void dropsEveryBadDatagramByReasonAndKeepsAnswering() throws Exception {
        DiscoveryResponder responder = standard();
        InetSocketAddress to = responder.localAddress();
        WireKey sameIdOtherSecret = TestPeer.fleetKey(1);

        asker.send("not a datagram".getBytes(), to);                                            // bad_magic
        byte[] truncated = asker.discover(key, CONTENT);
        asker.send(java.util.Arrays.copyOf(truncated, truncated.length - 1), to);               // bad_length
        asker.send(asker.discover(sameIdOtherSecret, CONTENT), to);                             // bad_tag
        asker.send(asker.discover(TestPeer.fleetKey(9), CONTENT), to);                          // unknown_key
        asker.send(asker.datagram(MessageType.DISCOVER_REPLY, key, DiscoverReply.getDefaultInstance().toByteArray()), to);
        asker.send(asker.datagramAt(MessageType.DISCOVER, key, discoverPayload(CONTENT, asker.port()),
                System.currentTimeMillis() - 600_000), to);                                    // stale_timestamp
        asker.send(asker.datagram(MessageType.DISCOVER, key, discoverPayload("", asker.port())), to);  // malformed
        asker.send(asker.datagram(MessageType.DISCOVER, key, discoverPayload(CONTENT, 0)), to);       // malformed
        // made just before it is sent: sequence numbers follow the clock in microseconds, and one made
        // earlier would be more than the 2048-number replay window below the ones sent since
        byte[] valid = asker.discover(key, CONTENT);
        asker.send(valid, to);
        asker.send(valid, to);                                                                  // replay
        try (TestPeer itself = new TestPeer(InetAddress.getLoopbackAddress(), deviceId)) {
            itself.send(itself.discover(key, CONTENT), to);                                     // own_discover
        }
        awaitHandled(responder, 11);

        assertThat(asker.receiveReply(KeyRing.of(key), WAIT).reply().getContentId()).isEqualTo(CONTENT);
        DiscoveryCounters.Snapshot counters = responder.counters().snapshot();
        assertThat(counters.received()).isEqualTo(11);
        assertThat(counters.answered()).isEqualTo(1);
        assertThat(counters.dropped()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                "bad_magic", 1L, "bad_length", 1L, "bad_tag", 1L, "unknown_key", 1L, "unknown_type", 1L,
                "stale_timestamp", 1L, "malformed_payload", 2L, "replay", 1L, "own_discover", 1L));
        assertThat(asker.receive(Duration.ofMillis(200))).as("only the valid DISCOVER was answered").isEmpty();
        assertThat(responder.counters().lastFailure()).isEmpty();
    }

    @Test
    void answersNoDiscoverFromOutsideItsSubnets() throws Exception {
        DiscoveryResponder responder = responder("10.9.1.2/24", DiscoveryPolicy.parse("standard"),
                AnswerBudget.Limits.defaults(), KeyRing.of(key));

        asker.send(asker.discover(key, CONTENT), responder.localAddress());
        awaitHandled(responder, 1);

        assertThat(responder.counters().droppedCount(DiscoveryDrop.OFF_SUBNET)).isEqualTo(1);
        assertThat(responder.counters().answeredCount()).isZero();
    }

    @Test
    void vpnAndWifiOfficesAnswerNothing() throws Exception {
        for (OfficeType type : List.of(OfficeType.OFFICE_TYPE_VPN, OfficeType.OFFICE_TYPE_WIFI)) {
            DiscoveryResponder responder = responder("127.0.0.1/8", new DiscoveryPolicy(type),
                    AnswerBudget.Limits.defaults(), KeyRing.of(key));

            asker.send(asker.discover(key, CONTENT), responder.localAddress());
            awaitHandled(responder, 1);

            assertThat(responder.counters().droppedCount(DiscoveryDrop.OFFICE_POLICY)).as(type.name()).isEqualTo(1);
            assertThat(responder.counters().answeredCount()).as(type.name()).isZero();
        }
        assertThat(asker.receive(Duration.ofMillis(200))).isEmpty();
    }

    @Test
    void aFloodFromOneSourceGetsItsBurstThenItsRate() throws Exception {
        int reply = 80 + DiscoverReply.newBuilder().setContentId(CONTENT).setPieceCount(12)
                .setPieces(com.google.protobuf.ByteString.copyFrom(new byte[] {0x27, 0x02})).setContentPort(24760)
                .build().getSerializedSize();
        // three replies' worth of burst, five per second
        DiscoveryResponder responder = responder("127.0.0.1/8", DiscoveryPolicy.parse("standard"),
                new AnswerBudget.Limits(5L * reply, 3L * reply, 1_000_000, 1_000_000, 64), KeyRing.of(key));

        for (int i = 0; i < 10; i++) {
            asker.send(asker.discover(key, CONTENT), responder.localAddress());
        }
        awaitHandled(responder, 10);
        nanoTime.addAndGet(1_000_000_000L); // one second later: 5 more at 5/s, but the burst caps it at 3
        for (int i = 0; i < 10; i++) {
            asker.send(asker.discover(key, CONTENT), responder.localAddress());
        }
        awaitHandled(responder, 20);

        assertThat(responder.counters().answeredCount()).isEqualTo(6);
        assertThat(responder.counters().droppedCount(DropReason.RATE_LIMITED)).isEqualTo(14);
    }

    @Test
    void aBitmapTooLargeForOneDatagramIsNotSent() throws Exception {
        DiscoveryResponder responder = standard();
        inventory.put("huge", PieceBitmap.all(600_000)); // 75 000 bytes of bitmap

        asker.send(asker.discover(key, "huge"), responder.localAddress());
        awaitHandled(responder, 1);

        assertThat(responder.counters().droppedCount(DiscoveryDrop.REPLY_TOO_LARGE)).isEqualTo(1);
    }

    private static byte[] discoverPayload(String contentId, int replyPort) {
        return Discover.newBuilder().setContentId(contentId).setReplyPort(replyPort).build().toByteArray();
    }
}
