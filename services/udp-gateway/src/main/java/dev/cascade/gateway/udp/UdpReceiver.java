package dev.cascade.gateway.udp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;

import org.jboss.logging.Logger;

import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.wire.DatagramCodec;
import io.micrometer.core.instrument.Counter;

/**
 * The receive thread of one server port's socket. Stopping wakes it with a datagram to its own
 * socket, so it does not need to close the socket (which still sends the ACKs of in-flight events).
 * Nothing a datagram contains can end the loop: a handler failure is counted and logged.
 */
public final class UdpReceiver {

    private static final Logger LOG = Logger.getLogger(UdpReceiver.class);
    private static final int STOP_WAIT_MILLIS = 2_000;

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
        ByteBuffer buffer = ByteBuffer.allocate(DatagramCodec.MAX_DATAGRAM_SIZE + 1); // one more: oversized shows
        while (running) {
            buffer.clear();
            InetSocketAddress source;
            try {
                source = (InetSocketAddress) socket.receive(buffer);
            } catch (ClosedChannelException e) {
                return; // closed at shutdown (after stop) or by a failed start
            } catch (IOException e) {
                if (running) {
                    metrics.internalError();
                    LOG.errorf("UDP receive failed: %s", e.getMessage());
                    pause();
                }
                continue;
            }
            if (!running) {
                return; // the wake-up datagram of stop(), or one that came with it: not handled
            }
            long receivedNanos = System.nanoTime();
            received.increment();
            try {
                handler.handle(buffer.array(), buffer.position(), source, receivedNanos);
            } catch (RuntimeException e) {
                metrics.internalError();
                LOG.errorf(e, "handling a datagram from %s failed", source);
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
        if (running) {
            running = false;
            socket.wakeReceiver(); // once: UdpReceivers asks every receiver before waiting for each
        }
    }

    /** Stops receiving and waits for the thread to finish its current datagram. */
    public void stop() {
        requestStop();
        Thread current = thread;
        if (current != null) {
            try {
                current.join(STOP_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
