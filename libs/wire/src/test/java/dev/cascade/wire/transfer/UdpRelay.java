package dev.cascade.wire.transfer;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Block;
import dev.cascade.wire.Header;
import dev.cascade.wire.MessageType;

/**
 * A UDP forwarder between one fetcher and one holder, on real loopback sockets: the fetcher sends to
 * {@link #address()}, the relay forwards to the holder from its own socket and sends the holder's answers back.
 * It can drop datagrams, hold one back behind the next (reordering) and rewrite what the holder sends (forgeries,
 * replays); it counts the BLOCKs it dropped and those it delivered more than once.
 */
final class UdpRelay implements AutoCloseable {

    private final DatagramSocket front;
    private final DatagramSocket back;
    private final InetSocketAddress holder;
    private final double dropRate;
    private final double reorderRate;
    private final Function<byte[], List<byte[]>> rewrite;
    private final Random random;
    private volatile SocketAddress client;
    private volatile boolean closed;
    private final Map<Long, AtomicInteger> deliveries = new ConcurrentHashMap<>();
    final AtomicInteger blocksDropped = new AtomicInteger();
    final AtomicInteger requestsDropped = new AtomicInteger();
    final AtomicInteger reordered = new AtomicInteger();
    private final AtomicInteger fromHolder = new AtomicInteger();
    private volatile int cutAfter = Integer.MAX_VALUE;
    private volatile int pathMaxDatagram = Integer.MAX_VALUE;
    /** The sizes of the holder's datagrams dropped for being larger than {@link #blackholeAbove} allows. */
    final java.util.Set<Integer> tooLargeSizes = ConcurrentHashMap.newKeySet();
    private final Thread towardsHolder;
    private final Thread towardsClient;

    UdpRelay(InetSocketAddress holder, double dropRate, double reorderRate, long seed,
             Function<byte[], List<byte[]>> rewrite) throws IOException {
        this.front = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.back = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        front.setReceiveBufferSize(4 << 20);
        back.setReceiveBufferSize(4 << 20);
        this.holder = holder;
        this.dropRate = dropRate;
        this.reorderRate = reorderRate;
        this.rewrite = rewrite;
        this.random = new Random(seed);
        this.towardsHolder = new Thread(() -> pump(front, back, true), "relay-to-holder");
        this.towardsClient = new Thread(() -> pump(back, front, false), "relay-to-client");
        towardsHolder.setDaemon(true);
        towardsClient.setDaemon(true);
        towardsHolder.start();
        towardsClient.start();
    }

    static UdpRelay lossy(InetSocketAddress holder, double dropRate, double reorderRate, long seed) throws IOException {
        return new UdpRelay(holder, dropRate, reorderRate, seed, List::of);
    }

    InetSocketAddress address() {
        return (InetSocketAddress) front.getLocalSocketAddress();
    }

    /** BLOCKs the relay delivered to the fetcher more than once (the same piece and block). */
    int blocksDeliveredTwice() {
        return (int) deliveries.values().stream().mapToInt(n -> Math.max(0, n.get() - 1)).sum();
    }

    private void pump(DatagramSocket in, DatagramSocket out, boolean toHolder) {
        byte[] buffer = new byte[65_535];
        byte[] heldBack = null;
        while (!closed) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                in.receive(packet);
                if (toHolder) {
                    client = packet.getSocketAddress();
                }
                SocketAddress to = toHolder ? holder : client;
                byte[] data = Arrays.copyOf(packet.getData(), packet.getLength());
                double roll;
                double reorder;
                synchronized (random) {
                    roll = random.nextDouble();
                    reorder = random.nextDouble();
                }
                if (roll < dropRate) {
                    if (isBlock(data)) {
                        blocksDropped.incrementAndGet();
                    } else if (toHolder) {
                        requestsDropped.incrementAndGet();
                    }
                    continue;
                }
                if (heldBack == null && reorder < reorderRate) {
                    heldBack = data; // goes out after the next datagram
                    reordered.incrementAndGet();
                    continue;
                }
                send(out, data, to, toHolder);
                if (heldBack != null) {
                    send(out, heldBack, to, toHolder);
                    heldBack = null;
                }
            } catch (IOException e) {
                if (!closed) {
                    throw new IllegalStateException("relay failed", e);
                }
            }
        }
    }

    /** From now on passes only the holder's first {@code datagrams} datagrams (counted from the start), then none. */
    UdpRelay cutAfter(int datagrams) {
        cutAfter = datagrams;
        return this;
    }

    /**
     * From now on drops, without a word, the holder's datagrams of more than {@code bytes} bytes: a path whose MTU is
     * smaller than the ends' interfaces say (a tunnel) with the ICMP "fragmentation needed" answers filtered.
     */
    UdpRelay blackholeAbove(int bytes) {
        pathMaxDatagram = bytes;
        return this;
    }

    private void send(DatagramSocket out, byte[] data, SocketAddress to, boolean toHolder) throws IOException {
        if (!toHolder && fromHolder.incrementAndGet() > cutAfter) {
            return;
        }
        if (!toHolder && data.length > pathMaxDatagram) {
            tooLargeSizes.add(data.length);
            return;
        }
        List<byte[]> outgoing = toHolder ? List.of(data) : rewrite.apply(data);
        if (!toHolder && outgoing.isEmpty()) {
            outgoing = List.of(data);
        }
        for (byte[] datagram : outgoing) {
            if (!toHolder && datagram == data && isBlock(data)) {
                Block block = block(data);
                deliveries.computeIfAbsent(((long) block.getPieceIndex() << 32) | block.getBlockIndex(),
                        k -> new AtomicInteger()).incrementAndGet();
            }
            out.send(new DatagramPacket(datagram, datagram.length, to));
        }
    }

    static boolean isBlock(byte[] datagram) {
        return datagram.length > Header.SIZE && (datagram[5] & 0xFF) == MessageType.BLOCK.code();
    }

    static Block block(byte[] datagram) {
        try {
            return Block.parseFrom(Arrays.copyOfRange(datagram, Header.SIZE, datagram.length - Header.TAG_SIZE));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("the holder sent a BLOCK that does not parse", e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        front.close();
        back.close();
        towardsHolder.join(2_000);
        towardsClient.join(2_000);
    }
}
