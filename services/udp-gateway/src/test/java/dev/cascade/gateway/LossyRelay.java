package dev.cascade.gateway;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.MessageType;

/**
 * A UDP relay on loopback between one client and the gateway that drops a share of the FRAGMENT and
 * FRAGMENT_ACK datagrams in both directions (seeded). Other datagrams (the final ACK) pass: their loss
 * is the small-message exchange's concern, not the large-message one under test.
 */
final class LossyRelay implements AutoCloseable {

    private final DatagramSocket front;
    private final DatagramSocket back;
    private final InetSocketAddress target;
    private final double lossRate;
    private final Random random;
    private final AtomicInteger dropped = new AtomicInteger();
    private volatile SocketAddress client;
    private final Thread forward;
    private final Thread backward;

    LossyRelay(InetSocketAddress target, double lossRate, long seed) throws SocketException {
        this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.target = target;
        this.lossRate = lossRate;
        this.random = new Random(seed);
        this.forward = new Thread(() -> pump(front, back, true), "lossy-relay-forward");
        this.backward = new Thread(() -> pump(back, front, false), "lossy-relay-backward");
        forward.setDaemon(true);
        backward.setDaemon(true);
        forward.start();
        backward.start();
    }

    /** Where the client sends: the relay forwards to the gateway. */
    InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    int dropped() {
        return dropped.get();
    }

    private void pump(DatagramSocket from, DatagramSocket to, boolean towardsGateway) {
        byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE];
        while (!from.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                from.receive(packet);
                if (towardsGateway) {
                    client = packet.getSocketAddress();
                }
                if (lossy(buffer, packet.getLength()) && drop()) {
                    dropped.incrementAndGet();
                    continue;
                }
                SocketAddress destination = towardsGateway ? target : client;
                if (destination != null) {
                    to.send(new DatagramPacket(buffer, packet.getLength(), destination));
                }
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private boolean drop() {
        synchronized (random) {
            return random.nextDouble() < lossRate;
        }
    }

    private static boolean lossy(byte[] datagram, int length) {
        int type = length > 5 ? datagram[5] & 0xFF : -1;
        return type == MessageType.FRAGMENT.code() || type == MessageType.FRAGMENT_ACK.code();
    }

    @Override
    public void close() throws InterruptedException {
        front.close();
        back.close();
        forward.join(2000);
        backward.join(2000);
    }
}
