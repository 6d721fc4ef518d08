package dev.cascade.cli.demo.wan;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes a holder reachable across the emulated WAN. The relay binds the holder's public address (the background port
 * the planner tells every peer, e.g. 127.0.1.10:34750) while the holder itself listens on an internal port of the same
 * IP. For each requester R that sends to the public address it opens an upstream socket bound to R's own IP (any port),
 * so the holder sees the requester's address as it would without the relay; R's datagrams go up the path from R's
 * office to the holder's, the holder's answers to that socket come down the path back and leave the public socket for
 * R. Upstream sockets idle for {@code idleTimeout} are closed. A requester in no office is dropped and counted; nothing
 * a requester sends ends the relay. One selector thread per relay; deliveries run on the topology's timer.
 */
public final class WanRelay implements AutoCloseable {

    /** How long an upstream socket stays open without traffic, by default. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_DATAGRAM = 65_536;
    /** Datagrams read from one socket per wake-up, so one busy socket cannot starve the others. */
    private static final int BATCH = 256;

    private final WanTopology topology;
    private final InetSocketAddress publicAddress;
    private final InetSocketAddress holder;
    private final long idleNanos;
    private final ProtocolFamily family;
    private final Selector selector;
    private final DatagramChannel front;
    private final Map<InetSocketAddress, RequesterChannel> upstreams = new ConcurrentHashMap<>();
    private final Thread loop;
    private volatile boolean closed;

    private final AtomicLong datagramsUp = new AtomicLong();
    private final AtomicLong bytesUp = new AtomicLong();
    private final AtomicLong datagramsDown = new AtomicLong();
    private final AtomicLong bytesDown = new AtomicLong();
    private final AtomicLong unroutable = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure;

    private WanRelay(WanTopology topology, InetSocketAddress requested, InetSocketAddress holder,
                     Duration idleTimeout) throws IOException {
        this.topology = topology;
        this.holder = holder;
        this.idleNanos = idleTimeout.toNanos();
        this.family = requested.getAddress() instanceof Inet4Address ? StandardProtocolFamily.INET
                : StandardProtocolFamily.INET6;
        this.selector = Selector.open();
        try {
            this.front = bind(requested);
        } catch (IOException e) {
            selector.close();
            throw e;
        }
        this.publicAddress = (InetSocketAddress) front.getLocalAddress(); // the port chosen when port 0 was asked
        front.register(selector, SelectionKey.OP_READ);
        this.loop = new Thread(this::run, "wan-relay-" + publicAddress.getAddress().getHostAddress() + ":"
                + publicAddress.getPort());
        loop.setDaemon(true);
        loop.start();
    }

    /** {@link #open(WanTopology, InetSocketAddress, InetSocketAddress, Duration)} with {@link #DEFAULT_IDLE_TIMEOUT}. */
    public static WanRelay open(WanTopology topology, InetSocketAddress publicAddress, InetSocketAddress holder)
            throws IOException {
        return open(topology, publicAddress, holder, DEFAULT_IDLE_TIMEOUT);
    }

    /**
     * Binds {@code publicAddress} and starts relaying datagrams sent to it to {@code holder} across {@code topology}'s
     * links.
     *
     * @param publicAddress where requesters send, e.g. 127.0.1.10:34750 (port 0: any free port, see
     *                      {@link #publicAddress()})
     * @param holder where the holder listens, e.g. 127.0.1.10:44750 (its office is that of its IP)
     * @param idleTimeout how long a requester's upstream socket stays open without traffic either way
     * @throws BindException naming {@code publicAddress} when it cannot be bound (taken, or not a local address)
     */
    public static WanRelay open(WanTopology topology, InetSocketAddress publicAddress, InetSocketAddress holder,
                                Duration idleTimeout) throws IOException {
        if (topology == null || publicAddress == null || holder == null || publicAddress.isUnresolved()
                || holder.isUnresolved()) {
            throw new IllegalArgumentException("a WAN relay needs a topology, a public address and the holder's"
                    + " address (got " + publicAddress + " → " + holder + ")");
        }
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout " + idleTimeout + " of the WAN relay for " + publicAddress
                    + " must be positive");
        }
        if (topology.officeOf(holder.getAddress()).isEmpty()) {
            throw new IllegalArgumentException("holder " + holder + " is in no office of the WAN topology");
        }
        return new WanRelay(topology, publicAddress, holder, idleTimeout);
    }

    private DatagramChannel bind(InetSocketAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open(family);
        try {
            RequesterChannel.buffers(channel);
            channel.bind(address);
            channel.configureBlocking(false);
            return channel;
        } catch (IOException e) {
            channel.close();
            BindException failure = new BindException("the WAN relay cannot bind " + address.getAddress()
                    .getHostAddress() + ":" + address.getPort() + ": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }

    private void run() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
        long pollMillis = Math.max(10, Math.min(1_000, idleNanos / 4_000_000));
        while (!closed) {
            try {
                selector.select(pollMillis);
            } catch (IOException e) {
                fail("select failed", e);
                continue;
            }
            if (closed) {
                return;
            }
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                if (!key.isValid()) {
                    continue;
                }
                if (key.attachment() instanceof RequesterChannel upstream) {
                    drainUpstream(upstream, buffer);
                } else {
                    drainFront(buffer);
                }
            }
            closeIdle(System.nanoTime());
        }
    }

    private void drainFront(ByteBuffer buffer) {
        for (int i = 0; i < BATCH; i++) {
            SocketAddress from;
            try {
                buffer.clear();
                from = front.receive(buffer);
            } catch (IOException e) {
                fail("receive on " + publicAddress + " failed", e);
                return;
            }
            if (from == null) {
                return;
            }
            fromRequester((InetSocketAddress) from, copy(buffer));
        }
    }

    private void fromRequester(InetSocketAddress requester, byte[] datagram) {
        RequesterChannel upstream = upstreams.get(requester);
        if (upstream == null) {
            upstream = openUpstream(requester);
            if (upstream == null) {
                return;
            }
        }
        upstream.lastUsed = System.nanoTime();
        datagramsUp.incrementAndGet();
        bytesUp.addAndGet(datagram.length);
        RequesterChannel to = upstream;
        upstream.up.send(datagram.length, () -> toHolder(to, datagram));
    }

    private RequesterChannel openUpstream(InetSocketAddress requester) {
        Optional<WanPath> up = topology.path(requester.getAddress(), holder.getAddress());
        Optional<WanPath> down = topology.path(holder.getAddress(), requester.getAddress());
        if (up.isEmpty() || down.isEmpty()) {
            unroutable.incrementAndGet();
            return null;
        }
        try {
            RequesterChannel upstream = RequesterChannel.open(family, requester, holder, up.get(), down.get());
            try {
                upstream.channel.register(selector, SelectionKey.OP_READ, upstream);
            } catch (IOException | RuntimeException e) {
                closeChannel(upstream.channel);
                throw e;
            }
            upstreams.put(requester, upstream);
            return upstream;
        } catch (IOException e) {
            fail("cannot open a socket on " + requester.getAddress().getHostAddress() + " for requester " + requester,
                    e);
            return null;
        }
    }

    /** Runs on the timer when a request arrives at the holder's end of the path. */
    private void toHolder(RequesterChannel upstream, byte[] datagram) {
        try {
            if (upstream.channel.write(ByteBuffer.wrap(datagram)) == 0) {
                fail("the socket towards holder " + holder + " had no room", null);
            }
        } catch (IOException e) {
            fail("send to holder " + holder + " failed", e);
        }
    }

    private void drainUpstream(RequesterChannel upstream, ByteBuffer buffer) {
        for (int i = 0; i < BATCH; i++) {
            try {
                buffer.clear();
                if (upstream.channel.receive(buffer) == null) {
                    return;
                }
            } catch (IOException e) {
                // e.g. ICMP port unreachable: the holder is not listening (yet)
                fail("receive from holder " + holder + " for " + upstream.requester + " failed", e);
                return;
            }
            byte[] datagram = copy(buffer);
            upstream.lastUsed = System.nanoTime();
            datagramsDown.incrementAndGet();
            bytesDown.addAndGet(datagram.length);
            upstream.down.send(datagram.length, () -> toRequester(upstream.requester, datagram));
        }
    }

    /** Runs on the timer when an answer arrives at the requester's end of the path. */
    private void toRequester(InetSocketAddress requester, byte[] datagram) {
        try {
            if (front.send(ByteBuffer.wrap(datagram), requester) == 0) {
                fail("the socket towards requester " + requester + " had no room", null);
            }
        } catch (IOException e) {
            fail("send to requester " + requester + " failed", e);
        }
    }

    private void closeIdle(long now) {
        for (RequesterChannel upstream : upstreams.values()) {
            if (now - upstream.lastUsed > idleNanos) {
                upstreams.remove(upstream.requester);
                closeChannel(upstream.channel);
            }
        }
    }

    private static byte[] copy(ByteBuffer buffer) {
        buffer.flip();
        byte[] datagram = new byte[buffer.remaining()];
        buffer.get(datagram);
        return datagram;
    }

    private void fail(String what, IOException cause) {
        if (closed) {
            return; // sockets closing under a send or receive at shutdown are not failures
        }
        failures.incrementAndGet();
        lastFailure = cause == null ? what : what + ": " + cause;
    }

    /** Closes {@code channel}; a failure to close is counted like any other. */
    private void closeChannel(DatagramChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            fail("closing a socket failed", e);
        }
    }

    /** The address requesters send to (with the port bound when port 0 was asked for). */
    public InetSocketAddress publicAddress() {
        return publicAddress;
    }

    /** Where the holder listens. */
    public InetSocketAddress holder() {
        return holder;
    }

    /** What the relay took in, turned away and failed at so far. */
    public RelayCounters counters() {
        return new RelayCounters(datagramsUp.get(), bytesUp.get(), datagramsDown.get(), bytesDown.get(),
                unroutable.get(), failures.get(), lastFailure, upstreams.size());
    }

    /** Stops the relay thread and closes the public socket and every upstream socket. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        selector.wakeup();
        try {
            loop.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (RequesterChannel upstream : upstreams.values()) {
            closeChannel(upstream.channel);
        }
        upstreams.clear();
        closeChannel(front);
        try {
            selector.close();
        } catch (IOException e) {
            throw new IllegalStateException("the WAN relay for " + publicAddress + " did not close its selector", e);
        }
    }

    @Override
    public String toString() {
        return "WAN relay " + publicAddress + " → " + holder;
    }
}
