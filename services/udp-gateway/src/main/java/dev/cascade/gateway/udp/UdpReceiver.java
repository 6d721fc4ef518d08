package dev.cascade.gateway.udp;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;

import org.jboss.logging.Logger;

import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.wire.DatagramCodec;
import io.micrometer.core.instrument.Counter;

/**
 * The receive thread of one server port's socket. It wakes twice a second to notice a stop, so
 * stopping does not need to close the socket (which still sends the ACKs of in-flight events).
 * Nothing a datagram contains can end the loop: a handler failure is counted and logged.
 */
public final class UdpReceiver {

    private static final Logger LOG = Logger.getLogger(UdpReceiver.class);
    private static final int POLL_MILLIS = 500;

    private final GatewaySocket socket;
    private final DatagramHandler handler;
    private final GatewayMetrics metrics;
    private volatile boolean running;
    private volatile Thread thread;

    public UdpReceiver(GatewaySocket socket, DatagramHandler handler, GatewayMetrics metrics) {
        this.socket = socket;
        this.handler = handler;
        this.metrics = metrics;
    }

    /** Starts receiving on the (already bound) socket. */
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        int port = socket.boundAddress().orElseThrow(() -> new IllegalStateException("bind the socket first")).getPort();
        Counter received = metrics.receivedOn(port);
        running = true;
        thread = new Thread(() -> receiveLoop(received), "udp-" + socket.name() + "-" + port);
        thread.start();
    }

    private void receiveLoop(Counter received) {
        byte[] buffer = new byte[DatagramCodec.MAX_DATAGRAM_SIZE + 1]; // one more, so oversized shows as too long
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (running) {
            packet.setLength(buffer.length); // receive() shrinks it to the last datagram's size
            try {
                socket.receive(packet, POLL_MILLIS);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (running) {
                    metrics.internalError();
                    LOG.errorf("UDP receive failed: %s", e.getMessage());
                    pause();
                }
                continue;
            }
            long receivedNanos = System.nanoTime();
            received.increment();
            try {
                handler.handle(buffer, packet.getLength(), (InetSocketAddress) packet.getSocketAddress(), receivedNanos);
            } catch (RuntimeException e) {
                metrics.internalError();
                LOG.errorf(e, "handling a datagram from %s failed", packet.getSocketAddress());
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100); // a persistent socket error must not spin the CPU
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        Thread current = thread;
        return current != null && current.isAlive();
    }

    /** Asks the thread to stop without waiting for it. */
    void requestStop() {
        running = false;
    }

    /** Stops receiving and waits for the thread to finish its current datagram. */
    public void stop() {
        running = false;
        Thread current = thread;
        if (current != null) {
            try {
                current.join(POLL_MILLIS * 4L);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
