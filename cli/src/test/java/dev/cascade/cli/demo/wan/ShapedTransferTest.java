package dev.cascade.cli.demo.wan;

import static dev.cascade.cli.demo.wan.WanTopologyTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 4 MB from an HQ holder to a Branch-A requester over a 20 Mbit/s link with a 200 ms queue, on real sockets: sent
 * blindly it overflows the queue, sent by a sender that keeps a window of datagrams in flight it all arrives. The
 * assertions are on counts and on the link's own computed queueing delays, not on elapsed time.
 */
@Timeout(120)
class ShapedTransferTest {

    private static final int DATAGRAM = 1_400;
    private static final int DATAGRAMS = 4_000_000 / DATAGRAM + 1;
    private static final int WINDOW = 32;
    private static final LinkShape LINK = SampleWan.mbit(20, 200, 10);
    /** How long one datagram takes to leave at 20 Mbit/s. */
    private static final long SERIALIZATION_NANOS = LINK.serializationNanos(DATAGRAM + WanLink.IP_UDP_HEADER_BYTES);

    private final Opened open = new Opened();
    private final WanTopology wan = open.add(WanTopology.start(SampleWan.offices(LINK)));

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    @Test
    void aBlindSenderOverflowsTheQueueAndTheDropsAreCounted() throws Exception {
        DatagramSocket holder = open.socket("127.0.1.10");
        WanRelay relay = relay(holder);
        DatagramSocket requester = open.socket("127.0.2.20");
        CompletableFuture<Integer> sent = CompletableFuture.supplyAsync(() -> blast(holder));

        ask(requester, relay);
        int received = receiveUntilSettled(requester, relay, sent);

        assertThat(sent.get(30, TimeUnit.SECONDS)).isEqualTo(DATAGRAMS);
        LinkCounters down = wan.counters().link("HQ → Branch-A").orElseThrow();
        System.out.printf("blind 4 MB over 20 Mbit/s, 200 ms queue: %d of %d datagrams delivered, %d dropped by the"
                        + " queue, max queueing delay %s%n", down.datagramsDelivered(), DATAGRAMS,
                down.datagramsDropped(), down.maxQueueingDelay());
        assertThat(down.datagramsDropped()).as("datagrams the full queue dropped").isPositive();
        // what the link let through arrived; the kernel may also have dropped some before the relay read them
        assertThat(received).isEqualTo(down.datagramsDelivered());
        assertThat(down.datagramsDelivered() + down.datagramsDropped()).isLessThanOrEqualTo(DATAGRAMS);
        assertThat(down.bytesDropped()).isEqualTo(down.datagramsDropped() * DATAGRAM);
        // the queue filled up to its limit and never beyond
        assertThat(down.maxQueueingDelay()).isLessThanOrEqualTo(Duration.ofMillis(200))
                .isGreaterThan(Duration.ofMillis(200).minusNanos(SERIALIZATION_NANOS + 1));
    }

    @Test
    void aSenderKeepingAWindowInFlightLosesNothing() throws Exception {
        DatagramSocket holder = open.socket("127.0.1.10");
        WanRelay relay = relay(holder);
        DatagramSocket requester = open.socket("127.0.2.20");
        CompletableFuture<Integer> sent = CompletableFuture.supplyAsync(() -> sendWindowed(holder));

        ask(requester, relay);
        int received = receiveAndAcknowledge(requester, relay);

        assertThat(sent.get(60, TimeUnit.SECONDS)).isEqualTo(DATAGRAMS);
        assertThat(received).isEqualTo(DATAGRAMS);
        LinkCounters down = wan.counters().link("HQ → Branch-A").orElseThrow();
        assertThat(down.datagramsDropped()).isZero();
        assertThat(down.datagramsDelivered()).isEqualTo(DATAGRAMS);
        assertThat(down.bytesDelivered()).isEqualTo((long) DATAGRAMS * DATAGRAM);
        // at most WINDOW − 1 datagrams ahead of any datagram in the queue
        assertThat(down.maxQueueingDelay()).isLessThanOrEqualTo(Duration.ofNanos((WINDOW - 1) * SERIALIZATION_NANOS));
        assertThat(wan.counters().link("Branch-A → HQ").orElseThrow().datagramsDelivered())
                .as("the request and one acknowledgement per datagram").isEqualTo(DATAGRAMS + 1);
        assertThat(wan.counters().datagramsDropped()).isZero();
    }

    /** The holder waits for the request and sends every datagram back at once. */
    private static int blast(DatagramSocket holder) {
        try {
            SocketAddress requester = awaitRequest(holder);
            for (int i = 0; i < DATAGRAMS; i++) {
                holder.send(datagram(i, requester));
            }
            return DATAGRAMS;
        } catch (IOException e) {
            throw new IllegalStateException("the blind holder failed", e);
        }
    }

    /** The holder waits for the request, then keeps at most {@link #WINDOW} datagrams unacknowledged. */
    private static int sendWindowed(DatagramSocket holder) {
        try {
            SocketAddress requester = awaitRequest(holder);
            holder.setSoTimeout(10_000);
            byte[] ack = new byte[16];
            int acknowledged = 0;
            int next = 0;
            while (acknowledged < DATAGRAMS) {
                while (next < DATAGRAMS && next - acknowledged < WINDOW) {
                    holder.send(datagram(next++, requester));
                }
                holder.receive(new DatagramPacket(ack, ack.length)); // a lost datagram stalls this: the test fails
                acknowledged++;
            }
            return next;
        } catch (IOException e) {
            throw new IllegalStateException("the windowed holder failed (a datagram or acknowledgement was lost?)", e);
        }
    }

    private static SocketAddress awaitRequest(DatagramSocket holder) throws IOException {
        holder.setSoTimeout(10_000);
        DatagramPacket request = new DatagramPacket(new byte[64], 64);
        holder.receive(request);
        return request.getSocketAddress();
    }

    private static DatagramPacket datagram(int index, SocketAddress to) {
        byte[] data = new byte[DATAGRAM];
        ByteBuffer.wrap(data).putInt(index);
        return new DatagramPacket(data, data.length, to);
    }

    private static void ask(DatagramSocket requester, WanRelay relay) throws IOException {
        requester.send(new DatagramPacket(new byte[32], 32, relay.publicAddress()));
    }

    /**
     * Receives until the holder is done and, at two looks half a second apart, everything the relay took from the
     * holder has left the link (delivered or dropped) and everything delivered has been received — not until some
     * fixed quiet time, which a loaded machine could outlast.
     */
    private int receiveUntilSettled(DatagramSocket requester, WanRelay relay, CompletableFuture<Integer> sent)
            throws IOException {
        requester.setSoTimeout(500);
        byte[] buffer = new byte[65_536];
        int received = 0;
        int settledLooks = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (settledLooks < 2 && System.nanoTime() - deadline < 0) {
            try {
                requester.receive(new DatagramPacket(buffer, buffer.length));
                received++;
                settledLooks = 0;
            } catch (SocketTimeoutException e) {
                LinkCounters down = wan.counters().link("HQ → Branch-A").orElseThrow();
                boolean settled = sent.isDone() && received == down.datagramsDelivered()
                        && relay.counters().datagramsDown() == down.datagramsDelivered() + down.datagramsDropped();
                settledLooks = settled ? settledLooks + 1 : 0;
            }
        }
        return received;
    }

    /** Acknowledges each datagram; checks they come in order (one FIFO queue, nothing lost). */
    private static int receiveAndAcknowledge(DatagramSocket requester, WanRelay relay) throws IOException {
        requester.setSoTimeout(10_000);
        byte[] buffer = new byte[65_536];
        byte[] ack = new byte[16];
        int received = 0;
        while (received < DATAGRAMS) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                requester.receive(packet);
            } catch (SocketTimeoutException e) {
                return received;
            }
            assertThat(ByteBuffer.wrap(buffer).getInt()).as("datagram in order").isEqualTo(received);
            received++;
            requester.send(new DatagramPacket(ack, ack.length, relay.publicAddress()));
        }
        return received;
    }

    private WanRelay relay(DatagramSocket holder) throws IOException {
        return open.add(WanRelay.open(wan, new InetSocketAddress(ip("127.0.1.10"), 0),
                (InetSocketAddress) holder.getLocalSocketAddress()));
    }


}
