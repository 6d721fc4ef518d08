package dev.cascade.gateway.udp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Optional;

/**
 * The UDP socket of the small-messages port: received on by one thread, sent on by the receive
 * thread (REJECTs) and the Kafka producer's thread (ACKs). Replies leave from this port, so a
 * peer behind NAT gets them through the mapping its request opened.
 */
public final class SmallMessagesSocket implements AutoCloseable {

    public static final String NAME = "small-messages";

    private final String host;
    private final int port;
    private final int receiveBufferBytes;
    private volatile DatagramSocket socket;

    public SmallMessagesSocket(String host, int port, int receiveBufferBytes) {
        this.host = host;
        this.port = port;
        this.receiveBufferBytes = receiveBufferBytes;
    }

    /** Binds {@code host:port}; throws naming the address and the properties that set it. */
    public synchronized void bind() {
        if (socket != null) {
            return;
        }
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cascade.gateway.host '" + host + "' does not resolve to an address");
        }
        try {
            DatagramSocket bound = new DatagramSocket(null);
            bound.setReceiveBufferSize(receiveBufferBytes);
            bound.bind(address);
            socket = bound;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind UDP " + host + ":" + port
                    + " (cascade.gateway.host / cascade.gateway.small-messages-port): " + e.getMessage(), e);
        }
    }

    public boolean isBound() {
        DatagramSocket current = socket;
        return current != null && current.isBound() && !current.isClosed();
    }

    public Optional<InetSocketAddress> boundAddress() {
        DatagramSocket current = socket;
        return isBound() ? Optional.of((InetSocketAddress) current.getLocalSocketAddress()) : Optional.empty();
    }

    /** Waits up to {@code timeoutMillis} for a datagram; throws {@link java.net.SocketTimeoutException} if none came. */
    void receive(DatagramPacket packet, int timeoutMillis) throws IOException {
        DatagramSocket current = requireBound();
        current.setSoTimeout(timeoutMillis);
        current.receive(packet);
    }

    public void send(byte[] datagram, InetSocketAddress target) throws IOException {
        requireBound().send(new DatagramPacket(datagram, datagram.length, target));
    }

    private DatagramSocket requireBound() throws SocketException {
        DatagramSocket current = socket;
        if (current == null || current.isClosed()) {
            throw new SocketException("the small-messages socket is not bound");
        }
        return current;
    }

    @Override
    public synchronized void close() {
        if (socket != null) {
            socket.close();
        }
    }
}
