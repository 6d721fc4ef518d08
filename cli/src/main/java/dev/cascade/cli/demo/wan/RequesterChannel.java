package dev.cascade.cli.demo.wan;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;

/**
 * A {@link WanRelay}'s socket for one requester: bound to the requester's own IP (any port) and connected to the
 * holder, so the holder sees the requester's address and only the holder's answers come back on it; with the paths
 * the requester's datagrams take up and the answers take down.
 */
final class RequesterChannel {

    static final int SOCKET_BUFFER = 4 << 20;

    final InetSocketAddress requester;
    final DatagramChannel channel;
    final WanPath up;
    final WanPath down;
    /** When a datagram last passed either way (System.nanoTime); read and written by the relay's thread only. */
    long lastUsed;

    private RequesterChannel(InetSocketAddress requester, DatagramChannel channel, WanPath up, WanPath down) {
        this.requester = requester;
        this.channel = channel;
        this.up = up;
        this.down = down;
    }

    /** Opens the socket on {@code requester}'s IP, connected to {@code holder}, non-blocking. */
    static RequesterChannel open(ProtocolFamily family, InetSocketAddress requester, InetSocketAddress holder,
                                 WanPath up, WanPath down) throws IOException {
        DatagramChannel channel = DatagramChannel.open(family);
        try {
            buffers(channel);
            channel.bind(new InetSocketAddress(requester.getAddress(), 0));
            channel.connect(holder);
            channel.configureBlocking(false);
            return new RequesterChannel(requester, channel, up, down);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Large socket buffers: a burst of blocks must wait in the emulated queue, not be lost in the kernel's. */
    static void buffers(DatagramChannel channel) throws IOException {
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER);
    }
}
