package dev.cascade.gateway.udp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Optional;

/**
 * The UDP socket of one server port: received on by one thread, sent on by the receive thread
 * (REJECTs), the Kafka producer's thread (ACKs) and the outbound consumer. Replies leave from the
 * port their request arrived on, so a peer behind NAT gets them through the mapping its request opened.
 */
public final class GatewaySocket implements AutoCloseable {

    private final String name;
    private final String host;
    private final int port;
    private final String property;
    private final int receiveBufferBytes;
    private volatile DatagramSocket socket;

    /** {@code property} names the configuration that set {@code port}, for the bind error. */
    public GatewaySocket(String name, String host, int port, String property, int receiveBufferBytes) {
        this.name = name;
        this.host = host;
        this.port = port;
        this.property = property;
        this.receiveBufferBytes = receiveBufferBytes;
    }

    public GatewaySocket(ServerPort port, String host, int portNumber, int receiveBufferBytes) {
        this(port.label(), host, portNumber, port.property(), receiveBufferBytes);
    }

    public String name() {
        return name;
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
            throw new UncheckedIOException("cannot bind the " + name + " UDP port " + host + ":" + port
                    + " (cascade.gateway.host / " + property + "): " + e.getMessage(), e);
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
        if (current.getSoTimeout() != timeoutMillis) {
            current.setSoTimeout(timeoutMillis);
        }
        current.receive(packet);
    }

    public void send(byte[] datagram, InetSocketAddress target) throws IOException {
        requireBound().send(new DatagramPacket(datagram, datagram.length, target));
    }

    private DatagramSocket requireBound() throws SocketException {
        DatagramSocket current = socket;
        if (current == null || current.isClosed()) {
            throw new SocketException("the " + name + " socket is not bound");
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
