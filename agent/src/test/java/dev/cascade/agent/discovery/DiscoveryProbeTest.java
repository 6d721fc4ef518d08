package dev.cascade.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.Discover;
import dev.cascade.contracts.v1.DiscoverReply;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.WireKey;

/**
 * The probe against real responders on loopback. 127.0.0.0/8's broadcast address 127.255.255.255
 * reaches every socket bound to the wildcard address on the port, like a LAN broadcast does.
 */
class DiscoveryProbeTest {

    private static final Duration WINDOW = Duration.ofMillis(300);
    private static final String CONTENT = "sha256-77aa";

    private final WireKey key = TestPeer.fleetKey(1);
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : closing) {
            c.close();
        }
    }

    private static Ipv4Subnet loopback(int prefix) throws Exception {
        return Ipv4Subnet.of(InetAddress.getByName("127.0.0.1"), prefix);
    }

    /** A responder on the wildcard address: {@code port} 0 for a new port, or the port of an earlier one. */
    private DiscoveryResponder holder(int port, UUID id, PieceBitmap pieces, int slots) throws Exception {
        MemoryPieceInventory inventory = new MemoryPieceInventory();
        if (pieces != null) {
            inventory.put(CONTENT, pieces);
        }
        DiscoveryResponder.Settings settings = DiscoveryResponder.Settings.defaults(List.of(loopback(8)),
                DiscoveryPolicy.parse("standard")).withBind(new InetSocketAddress(port)).withContentPort(24760);
        DiscoveryResponder responder = DiscoveryResponder.start(settings, id, KeyRing.of(key), inventory, new UploadSlots(slots));
        closing.add(responder);
        return responder;
    }

    private DiscoveryProbe probe(int port, List<Ipv4Subnet> subnets, String officeType, int retries) throws Exception {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(0));
        closing.add(socket);
        return new DiscoveryProbe(new DiscoveryProbe.Settings(subnets, port, WINDOW, retries,
                DiscoveryPolicy.parse(officeType), Duration.ofSeconds(300)), socket, UUID.randomUUID(), KeyRing.of(key),
                Clock.systemUTC());
    }

    @Test
    void findsEveryHolderOfTheSubnetMostUsefulFirst() throws Exception {
        UUID partial = UUID.randomUUID();
        UUID completeButBusy = UUID.randomUUID();
        UUID complete = UUID.randomUUID();
        int port = holder(0, partial, PieceBitmap.of(8, 0, 1, 2, 5, 7), 4).localAddress().getPort();
        holder(port, completeButBusy, PieceBitmap.all(8), 0);
        holder(port, complete, PieceBitmap.all(8), 4);
        DiscoveryResponder without = holder(port, UUID.randomUUID(), null, 4);

        DiscoveryResult result = probe(port, List.of(loopback(8)), "standard", 1).discover(CONTENT);

        assertThat(result.holders()).extracting(Holder::deviceId).containsExactly(complete, partial, completeButBusy);
        Holder second = result.holders().get(1);
        assertThat(second.pieces()).isEqualTo(PieceBitmap.of(8, 0, 1, 2, 5, 7));
        assertThat(second.busy()).isFalse();
        assertThat(second.contentPort()).isEqualTo(24760);
        assertThat(second.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(result.holders().get(2).busy()).isTrue();
        assertThat(result.askedAt()).containsExactly(new InetSocketAddress("127.255.255.255", port));
        assertThat(result.rounds()).isEqualTo(1);
        assertThat(result.notAsked()).isEmpty();
        assertThat(without.counters().droppedCount(DiscoveryDrop.NOT_HELD)).isEqualTo(1);
    }

    @Test
    void broadcastsOnceMoreWhenNobodyAnsweredTheFirstTime() throws Exception {
        try (TestPeer lateHolder = new TestPeer(InetAddress.getByName("0.0.0.0"))) {
            DiscoveryProbe probe = probe(lateHolder.port(), List.of(loopback(8)), "standard", 1);
            Thread answerSecond = new Thread(() -> answerTheSecondDiscover(lateHolder));
            answerSecond.start();

            DiscoveryResult result = probe.discover(CONTENT);
            answerSecond.join();

            assertThat(result.rounds()).isEqualTo(2);
            assertThat(result.holders()).extracting(Holder::deviceId).containsExactly(lateHolder.id);
        }
    }

    private void answerTheSecondDiscover(TestPeer peer) {
        try {
            peer.receive(Duration.ofSeconds(5)).orElseThrow(); // lost, as far as the asker can tell
            TestPeer.Received second = peer.receive(Duration.ofSeconds(5)).orElseThrow();
            int replyPort = Discover.parseFrom(java.util.Arrays.copyOfRange(second.bytes(), 48, second.bytes().length - 32))
                    .getReplyPort();
            peer.send(peer.datagram(MessageType.DISCOVER_REPLY, key, reply(CONTENT, 4, new byte[] {0x0F}, 24760)),
                    new InetSocketAddress(second.from().getAddress(), replyPort));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutRetriesOneSilentWindowEndsIt() throws Exception {
        try (TestPeer silent = new TestPeer(InetAddress.getByName("0.0.0.0"))) {
            DiscoveryResult result = probe(silent.port(), List.of(loopback(8)), "standard", 0).discover(CONTENT);

            assertThat(result.rounds()).isEqualTo(1);
            assertThat(result.holders()).isEmpty();
            assertThat(silent.receive(Duration.ofSeconds(2))).isPresent();
            assertThat(silent.receive(Duration.ofMillis(100))).isEmpty();
        }
    }

    @Test
    void usesOnlyRepliesItCanTrust() throws Exception {
        // 127.0.0.0/16: a reply from 127.1.0.1 is loopback too, but outside the subnet asked
        try (TestPeer rogue = new TestPeer(InetAddress.getByName("0.0.0.0"));
             TestPeer outsider = new TestPeer(InetAddress.getByName("127.1.0.1"))) {
            DiscoveryProbe probe = probe(rogue.port(), List.of(loopback(16)), "standard", 0);
            Thread answers = new Thread(() -> {
                try {
                    TestPeer.Received discover = rogue.receive(Duration.ofSeconds(5)).orElseThrow();
                    int replyPort = Discover.parseFrom(java.util.Arrays.copyOfRange(discover.bytes(), 48,
                            discover.bytes().length - 32)).getReplyPort();
                    InetSocketAddress asker = new InetSocketAddress(InetAddress.getLoopbackAddress(), replyPort);
                    byte[] good = reply(CONTENT, 8, new byte[] {0x01}, 24760);
                    rogue.send(rogue.datagram(MessageType.DISCOVER_REPLY, TestPeer.fleetKey(1), good), asker);  // bad_tag
                    rogue.send(rogue.datagram(MessageType.DISCOVER_REPLY, key, reply("other", 8, new byte[] {1}, 24760)), asker);
                    rogue.send(rogue.datagram(MessageType.DISCOVER_REPLY, key, reply(CONTENT, 4, new byte[] {0x10}, 24760)), asker);
                    rogue.send(rogue.datagram(MessageType.DISCOVER_REPLY, key, reply(CONTENT, 8, new byte[0], 24760)), asker);
                    rogue.send(rogue.datagram(MessageType.DISCOVER_REPLY, key, reply(CONTENT, 8, new byte[] {1}, 0)), asker);
                    rogue.send(rogue.datagram(MessageType.DISCOVER, key, new byte[0]), asker);                  // unknown_type
                    outsider.send(outsider.datagram(MessageType.DISCOVER_REPLY, key, good), asker);            // off_subnet
                    byte[] trusted = rogue.datagram(MessageType.DISCOVER_REPLY, key, good);
                    rogue.send(trusted, asker);
                    rogue.send(trusted, asker);                                                                 // replay
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            answers.start();

            DiscoveryResult result = probe.discover(CONTENT);
            answers.join();

            assertThat(result.holders()).extracting(Holder::deviceId).containsExactly(rogue.id);
            assertThat(result.holders().get(0).pieces()).isEqualTo(PieceBitmap.of(8, 0));
            assertThat(result.replies().dropped()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                    "bad_tag", 1L, "other_content", 1L, "malformed_payload", 3L, "unknown_type", 1L,
                    "off_subnet", 1L, "replay", 1L));
        }
    }

    @Test
    void aWifiOfficeBroadcastsNothing() throws Exception {
        try (TestPeer listener = new TestPeer(InetAddress.getByName("0.0.0.0"))) {
            long started = System.nanoTime();
            DiscoveryResult result = probe(listener.port(), List.of(loopback(8)), "wifi", 1).discover(CONTENT);

            assertThat(result.notAsked()).contains(
                    "peers in a Wi-Fi office do not broadcast DISCOVER; they find holders through the planner's list");
            assertThat(result.rounds()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WINDOW);
            assertThat(listener.receive(Duration.ofMillis(200))).isEmpty();
        }
    }

    @Test
    void aSubnetWithoutBroadcastAddressIsSkippedWithANote() throws Exception {
        DiscoveryResult result = probe(24329, List.of(loopback(32)), "standard", 1).discover(CONTENT);

        assertThat(result.notes()).containsExactly("127.0.0.1/32 has no broadcast address (/31 and /32 are all hosts): skipped");
        assertThat(result.notAsked()).hasValueSatisfying(why -> assertThat(why).startsWith("no IPv4 subnet with a broadcast address"));
    }

    private static byte[] reply(String contentId, int pieceCount, byte[] pieces, int contentPort) {
        return DiscoverReply.newBuilder().setContentId(contentId).setPieceCount(pieceCount)
                .setPieces(ByteString.copyFrom(pieces)).setContentPort(contentPort).build().toByteArray();
    }
}
