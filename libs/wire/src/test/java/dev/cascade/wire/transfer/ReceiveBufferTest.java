package dev.cascade.wire.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

class ReceiveBufferTest {

    private static final Path RMEM_MAX = Path.of("/proc/sys/net/core/rmem_max");

    @Test
    void anUnsizedSocketIsGivenRoomForAFullWindowAsFarAsTheSystemAllows() throws Exception {
        try (DatagramSocket socket = loopbackSocket()) {
            int queued = ReceiveBuffer.queuedDatagrams(socket, 1472);

            int granted = socket.getReceiveBufferSize();
            assertThat(queued).isEqualTo(Math.max(CongestionWindow.MIN_WINDOW, granted / (2 * 1472)));
            if (Files.isReadable(RMEM_MAX)) { // Linux grants what is asked up to net.core.rmem_max
                long rmemMax = Long.parseLong(Files.readAllLines(RMEM_MAX).get(0).trim()); // readString stops short on /proc
                long wanted = (long) CongestionWindow.MAX_WINDOW * 2 * 1472;
                assertThat((long) granted).isEqualTo(Math.min(wanted, rmemMax));
                if (rmemMax >= wanted) {
                    assertThat(queued).as("a full window fits").isGreaterThanOrEqualTo(CongestionWindow.MAX_WINDOW);
                }
            }
        }
    }

    @Test
    void aLargerBufferIsKept() throws Exception {
        try (DatagramSocket socket = loopbackSocket()) {
            socket.setReceiveBufferSize(8 << 20);
            int before = socket.getReceiveBufferSize();

            ReceiveBuffer.queuedDatagrams(socket, 1200);

            assertThat(socket.getReceiveBufferSize()).isEqualTo(before);
        }
    }

    @Test
    void everyDatagramItSaysTheBufferQueuesIsQueuedWhileNobodyReads() throws Exception {
        for (int datagram : new int[] {1472, 8972}) {
            try (DatagramSocket receiver = loopbackSocket(); DatagramSocket sender = loopbackSocket()) {
                int queued = ReceiveBuffer.queuedDatagrams(receiver, datagram);
                byte[] bytes = new byte[datagram];
                for (int i = 0; i < queued; i++) {
                    sender.send(new DatagramPacket(bytes, bytes.length, receiver.getLocalSocketAddress()));
                }

                assertThat(drain(receiver)).as("datagrams of %d bytes queued", datagram).isEqualTo(queued);
            }
        }
    }

    private static int drain(DatagramSocket socket) throws IOException {
        socket.setSoTimeout(200);
        byte[] buffer = new byte[65_536];
        int count = 0;
        try {
            while (true) {
                socket.receive(new DatagramPacket(buffer, buffer.length));
                count++;
            }
        } catch (SocketTimeoutException e) {
            return count; // the queue is empty
        }
    }

    private static DatagramSocket loopbackSocket() throws IOException {
        return new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }
}
