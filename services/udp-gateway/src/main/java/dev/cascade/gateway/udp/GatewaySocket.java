package dev.cascade.gateway.udp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * The UDP socket of one server port: received on by one thread, sent on by the receive thread
 * (REJECTs), the ACK sender and the outbound consumer. Replies leave from the port their request
 * arrived on, so a peer behind NAT gets them through the mapping its request opened. A blocking
 * channel without a receive timeout: one system call per datagram each way ({@code DatagramSocket}
 * with a timeout switches the descriptor's blocking mode twice per receive); a receive thread is
 * woken for shutdown by {@link #wakeReceiver()}.
 */
public final class GatewaySocket implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GatewaySocket.class);

    private final String name;
    private final String host;
    private final int port;
    private final String property;
    private final int receiveBufferBytes;
    private volatile DatagramChannel socket;

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
        DatagramChannel channel = null;
        try {
            channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            channel.bind(address);
            socket = channel;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot bind the " + name + " UDP port " + host + ":" + port
                    + " (cascade.gateway.host / " + property + "): " + e.getMessage(), e);
        }
    }

    public boolean isBound() {
        DatagramChannel current = socket;
        return current != null && current.isOpen();
    }

    public Optional<InetSocketAddress> boundAddress() {
        DatagramChannel current = socket;
        if (current == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable((InetSocketAddress) current.getLocalAddress());
        } catch (IOException e) { // closed
            return Optional.empty();
        }
    }

    /**
     * Waits for a datagram and writes it to {@code buffer} from its position; returns its source.
     * A datagram longer than the buffer's remaining space is cut to it (so give one byte more than
     * the longest accepted, and an oversized one shows as too long).
     */
    SocketAddress receive(ByteBuffer buffer) throws IOException {
        return requireBound().receive(buffer);
    }

    public void send(byte[] datagram, InetSocketAddress target) throws IOException {
        requireBound().send(ByteBuffer.wrap(datagram), target);
    }

    /**
     * Sends an empty datagram to this socket, so a thread blocked in {@link #receive} returns (and
     * sees that it was asked to stop). A wildcard bind is reached on the loopback address.
     */
    void wakeReceiver() {
        Optional<InetSocketAddress> bound = boundAddress();
        if (bound.isEmpty()) {
            return;
        }
        InetAddress address = bound.get().getAddress();
        InetAddress target = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
        try (DatagramChannel waker = DatagramChannel.open()) {
            waker.send(ByteBuffer.allocate(0), new InetSocketAddress(target, bound.get().getPort()));
        } catch (IOException e) {
            LOG.warnf("cannot wake the %s receive thread (%s); it ends when the socket closes", name, e.getMessage());
        }
    }

    private DatagramChannel requireBound() throws SocketException {
        DatagramChannel current = socket;
        if (current == null || !current.isOpen()) {
            throw new SocketException("the " + name + " socket is not bound");
        }
        return current;
    }

    private void closeQuietly(DatagramChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debugf("closing the %s socket: %s", name, e.getMessage());
            }
        }
    }

    @Override
    public synchronized void close() {
        closeQuietly(socket);
    }
}
