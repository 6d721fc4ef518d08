package dev.cascade.cli.demo.wan;

import static dev.cascade.cli.demo.wan.WanTopologyTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The relay on real UDP sockets on loopback addresses of the sample offices: requesters in sub-offices reach a
 * holder in HQ through its public address, across real link queues on the real-time timer.
 */
@Timeout(60)
class WanRelayTest {

    private static final int REQUEST_SIZE = 100;
    private static final int ANSWERS = 3;
    private static final int ANSWER_SIZE = 8_000;

    private final Opened open = new Opened();
    private final WanTopology wan = open.add(WanTopology.start(SampleWan.offices(SampleWan.mbit(50, 1_000, 5))));

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    @Test
    void aBranchRequesterGetsEveryAnswerAndTheHolderSeesItsAddress() throws Exception {
        AnsweringHolder holder = holder();
        WanRelay relay = relay(holder, WanRelay.DEFAULT_IDLE_TIMEOUT);
        DatagramSocket requester = open.socket("127.0.2.20");

        List<byte[]> received = exchange(requester, relay, 20);

        assertAllAnswers(received, 20);
        assertThat(holder.sources).hasSize(20).allSatisfy(source -> assertThat(source.getAddress())
                .isEqualTo(ip("127.0.2.20")));
        assertThat(new HashSet<>(holder.sources)).as("one upstream socket for one requester").hasSize(1);
        LinkCounters up = wan.counters().link("Branch-A → HQ").orElseThrow();
        LinkCounters down = wan.counters().link("HQ → Branch-A").orElseThrow();
        assertThat(up.datagramsDelivered()).isEqualTo(20);
        assertThat(up.bytesDelivered()).isEqualTo(20L * REQUEST_SIZE);
        assertThat(up.wireBytesDelivered()).isEqualTo(20L * (REQUEST_SIZE + 28));
        assertThat(down.datagramsDelivered()).isEqualTo(20L * ANSWERS);
        assertThat(down.bytesDelivered()).isEqualTo(20L * ANSWERS * ANSWER_SIZE);
        assertThat(down.wireBytesDelivered()).isEqualTo(20L * ANSWERS * (ANSWER_SIZE + 28));
        assertThat(wan.counters().datagramsDropped()).isZero();
        assertThat(wan.counters().link("Branch-B → HQ").orElseThrow().datagramsDelivered()).isZero();
        RelayCounters relayed = relay.counters();
        assertThat(relayed.datagramsUp()).isEqualTo(20);
        assertThat(relayed.bytesDown()).isEqualTo(20L * ANSWERS * ANSWER_SIZE);
        assertThat(relayed.failures()).as(relayed.lastFailure()).isZero();
        assertThat(relayed.openUpstreams()).isEqualTo(1);
    }

    @Test
    void aWifiRequesterCrossesBothLinksEachWay() throws Exception {
        AnsweringHolder holder = holder();
        WanRelay relay = relay(holder, WanRelay.DEFAULT_IDLE_TIMEOUT);
        DatagramSocket requester = open.socket("127.0.3.20");

        assertAllAnswers(exchange(requester, relay, 5), 5);

        assertThat(holder.sources).extracting(InetSocketAddress::getAddress).containsOnly(ip("127.0.3.20"));
        WanCounters counters = wan.counters();
        for (String link : List.of("Branch-A-WiFi → Branch-A", "Branch-A → HQ")) {
            assertThat(counters.link(link).orElseThrow().bytesDelivered()).as(link).isEqualTo(5L * REQUEST_SIZE);
        }
        for (String link : List.of("HQ → Branch-A", "Branch-A → Branch-A-WiFi")) {
            assertThat(counters.link(link).orElseThrow().bytesDelivered()).as(link)
                    .isEqualTo(5L * ANSWERS * ANSWER_SIZE);
        }
        assertThat(counters.bytesInto("Branch-A-WiFi")).isEqualTo(5L * ANSWERS * ANSWER_SIZE);
    }

    @Test
    void aRequesterInNoOfficeIsDroppedAndCountedAndTheRelayGoesOn() throws Exception {
        AnsweringHolder holder = holder();
        WanRelay relay = relay(holder, WanRelay.DEFAULT_IDLE_TIMEOUT);
        DatagramSocket stranger = open.socket("127.0.9.9");

        for (int i = 0; i < 3; i++) {
            send(stranger, relay, i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.counters().unroutableDatagrams() == 3);

        assertThat(relay.counters().openUpstreams()).isZero();
        assertThat(relay.counters().datagramsUp()).isZero();
        // the relay still serves a requester it can place, and the stranger's datagrams never reached the holder
        assertAllAnswers(exchange(open.socket("127.0.4.20"), relay, 2), 2);
        assertThat(holder.sources).extracting(InetSocketAddress::getAddress).containsOnly(ip("127.0.4.20"));
        assertThat(relay.counters().unroutableDatagrams()).isEqualTo(3);
    }

    @Test
    void eachVpnDeviceCrossesItsOwnLink() throws Exception {
        AnsweringHolder holder = holder();
        WanRelay relay = relay(holder, WanRelay.DEFAULT_IDLE_TIMEOUT);

        assertAllAnswers(exchange(open.socket("127.0.5.7"), relay, 2), 2);
        assertAllAnswers(exchange(open.socket("127.0.5.8"), relay, 3), 3);

        assertThat(wan.counters().link("HQ → VPN 127.0.5.7").orElseThrow().datagramsDelivered())
                .isEqualTo(2L * ANSWERS);
        assertThat(wan.counters().link("HQ → VPN 127.0.5.8").orElseThrow().datagramsDelivered())
                .isEqualTo(3L * ANSWERS);
        assertThat(wan.counters().bytesInto("VPN")).isEqualTo(5L * ANSWERS * ANSWER_SIZE);
        assertThat(relay.counters().openUpstreams()).isEqualTo(2);
    }

    @Test
    void anIdleUpstreamSocketIsClosedAndANewOneOpensOnTheNextRequest() throws Exception {
        AnsweringHolder holder = holder();
        WanRelay relay = relay(holder, Duration.ofMillis(300));
        DatagramSocket requester = open.socket("127.0.2.20");
        assertAllAnswers(exchange(requester, relay, 1), 1);
        InetSocketAddress firstUpstream = holder.sources.get(0);

        await().atMost(Duration.ofSeconds(10)).until(() -> relay.counters().openUpstreams() == 0);
        // its port is free again: the socket is closed
        new DatagramSocket(firstUpstream).close();

        assertAllAnswers(exchange(requester, relay, 1), 1);
        assertThat(holder.sources.get(1).getAddress()).isEqualTo(ip("127.0.2.20"));
        assertThat(relay.counters().openUpstreams()).isEqualTo(1);
    }

    @Test
    void aTakenPublicAddressIsRefusedNamingIt() throws Exception {
        DatagramSocket taken = open.socket("127.0.1.10");
        InetSocketAddress address = (InetSocketAddress) taken.getLocalSocketAddress();

        assertThatThrownBy(() -> WanRelay.open(wan, address, new InetSocketAddress(ip("127.0.1.10"), 9)))
                .isInstanceOf(BindException.class)
                .hasMessageContaining("the WAN relay cannot bind 127.0.1.10:" + address.getPort());
    }

    @Test
    void aHolderInNoOfficeIsRefused() {
        assertThatThrownBy(() -> WanRelay.open(wan, new InetSocketAddress(ip("127.0.1.10"), 0),
                new InetSocketAddress(ip("127.0.9.1"), 9)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("holder /127.0.9.1:9 is in no office");
    }

    @Test
    void closingReleasesThePublicAndEveryUpstreamSocket() throws Exception {
        AnsweringHolder holder = holder();
        WanRelay relay = relay(holder, WanRelay.DEFAULT_IDLE_TIMEOUT);
        assertAllAnswers(exchange(open.socket("127.0.2.20"), relay, 1), 1);
        assertAllAnswers(exchange(open.socket("127.0.4.20"), relay, 1), 1);

        relay.close();

        new DatagramSocket(relay.publicAddress()).close();
        for (InetSocketAddress upstream : holder.sources) {
            new DatagramSocket(upstream).close();
        }
        assertThat(relay.counters().openUpstreams()).isZero();
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                .doesNotContain("wan-relay-127.0.1.10:" + relay.publicAddress().getPort());
    }

    // --- plumbing --------------------------------------------------------------------------------------------

    /** Sends {@code requests} requests and collects every answer, or what came until none came for ten seconds. */
    private static List<byte[]> exchange(DatagramSocket requester, WanRelay relay, int requests) throws IOException {
        for (int i = 0; i < requests; i++) {
            send(requester, relay, i);
        }
        List<byte[]> received = new ArrayList<>();
        requester.setSoTimeout(10_000);
        byte[] buffer = new byte[65_536];
        while (received.size() < requests * ANSWERS) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                requester.receive(packet);
            } catch (SocketTimeoutException e) {
                break; // the assertions say what is missing
            }
            assertThat(packet.getSocketAddress()).as("answers come from the public address")
                    .isEqualTo(relay.publicAddress());
            received.add(Arrays.copyOf(buffer, packet.getLength()));
        }
        return received;
    }

    private static void send(DatagramSocket requester, WanRelay relay, int request) throws IOException {
        byte[] datagram = new byte[REQUEST_SIZE];
        ByteBuffer.wrap(datagram).putInt(request);
        requester.send(new DatagramPacket(datagram, datagram.length, relay.publicAddress()));
    }

    private static void assertAllAnswers(List<byte[]> received, int requests) {
        assertThat(received).hasSize(requests * ANSWERS);
        Set<String> seen = new HashSet<>();
        for (byte[] answer : received) {
            ByteBuffer header = ByteBuffer.wrap(answer);
            int request = header.getInt();
            int index = header.getInt();
            assertThat(answer).isEqualTo(AnsweringHolder.answer(request, index, ANSWER_SIZE));
            seen.add(request + "/" + index);
        }
        assertThat(seen).hasSize(requests * ANSWERS);
    }

    private AnsweringHolder holder() throws IOException {
        return open.add(new AnsweringHolder(new InetSocketAddress(ip("127.0.1.10"), 0), ANSWERS, ANSWER_SIZE));
    }

    private WanRelay relay(AnsweringHolder holder, Duration idle) throws IOException {
        return open.add(WanRelay.open(wan, new InetSocketAddress(ip("127.0.1.10"), 0), holder.address(), idle));
    }


}
