package dev.cascade.wire.transfer;

import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;

import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.Header;
import dev.cascade.wire.TransferLimits;

/**
 * Sizes blocks so that a BLOCK datagram never exceeds the path's largest unfragmented UDP payload
 * (docs/protocol.md §17.3): the requester states its largest datagram, derived from the MTU of the
 * interface that routes to the holder, and cuts blocks to fit it.
 */
public final class BlockSizing {

    /**
     * The most a BLOCK payload adds to its data, besides the content id field: transfer_id (1 + 10 bytes),
     * five uint32 fields (5 × (1 + 5)), the data field's tag and a length of up to 3 bytes (1 + 3), and
     * sent_micros (fixed64: 1 + 8).
     */
    static final int FIXED_BLOCK_OVERHEAD = 11 + 30 + 4 + 9;
    /** IPv4 (20) and UDP (8) headers. */
    static final int IPV4_UDP_HEADERS = 28;
    /** IPv6 (40) and UDP (8) headers. */
    static final int IPV6_UDP_HEADERS = 48;
    /**
     * The default never exceeds a 9 000-byte jumbo frame's datagram: bigger MTUs are loopback, where bigger
     * blocks gain nothing but bigger bursts into the receive buffer.
     */
    static final int MAX_DEFAULT_DATAGRAM = 9_000 - IPV4_UDP_HEADERS;

    private BlockSizing() {
    }

    /**
     * The block size for BLOCK datagrams of at most {@code maxDatagramSize} bytes carrying {@code contentId}:
     * {@code maxDatagramSize − 80 − 54 − (1 + varint length + UTF-8 length of the content id)}, at most 65 000.
     */
    public static int blockSize(int maxDatagramSize, String contentId) {
        if (maxDatagramSize < TransferLimits.MIN_DATAGRAM_SIZE || maxDatagramSize > DatagramCodec.MAX_DATAGRAM_SIZE) {
            throw new IllegalArgumentException("max datagram size " + maxDatagramSize + " is outside "
                    + TransferLimits.MIN_DATAGRAM_SIZE + ".." + DatagramCodec.MAX_DATAGRAM_SIZE);
        }
        int idBytes = contentId.getBytes(StandardCharsets.UTF_8).length;
        int size = maxDatagramSize - Header.SIZE - Header.TAG_SIZE - FIXED_BLOCK_OVERHEAD - 1 - varintLength(idBytes)
                - idBytes;
        return Math.min(size, TransferLimits.MAX_BLOCK_SIZE);
    }

    /**
     * The largest datagram to ask a holder at {@code destination} for: the MTU of the local interface that routes
     * there less the IP and UDP headers, at most {@value #MAX_DEFAULT_DATAGRAM} bytes; where the MTU is not known,
     * 1 200 bytes, which every IPv6 path and every sane IPv4 path carries unfragmented.
     */
    public static int defaultMaxDatagramSize(InetAddress destination) {
        int headers = destination instanceof Inet6Address ? IPV6_UDP_HEADERS : IPV4_UDP_HEADERS;
        int mtu = interfaceMtu(destination);
        if (mtu <= 0) {
            return TransferLimits.MIN_DATAGRAM_SIZE;
        }
        return Math.max(TransferLimits.MIN_DATAGRAM_SIZE, Math.min(mtu - headers, MAX_DEFAULT_DATAGRAM));
    }

    /** The MTU of the interface the system routes {@code destination} through, or -1 when it cannot say. */
    static int interfaceMtu(InetAddress destination) {
        // connect() on a UDP socket sends nothing: it only asks the routing table for the local address.
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(new InetSocketAddress(destination, 9));
            InetAddress local = probe.getLocalAddress();
            NetworkInterface nic = local == null ? null : NetworkInterface.getByInetAddress(local);
            if (nic == null && destination.isLoopbackAddress()) {
                nic = NetworkInterface.getByInetAddress(destination);
            }
            return nic == null ? -1 : nic.getMTU();
        } catch (SocketException e) {
            return -1;
        } catch (RuntimeException e) {
            return -1; // e.g. UncheckedIOException from an interface that vanished while asked
        }
    }

    static int varintLength(long value) {
        int length = 1;
        while ((value >>>= 7) != 0) {
            length++;
        }
        return length;
    }
}
