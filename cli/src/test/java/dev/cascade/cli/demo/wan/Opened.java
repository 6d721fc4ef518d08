package dev.cascade.cli.demo.wan;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** What a WAN test opened — topologies, relays, sockets — closed in reverse order after it. */
final class Opened implements AutoCloseable {

    private final List<AutoCloseable> open = new ArrayList<>();

    <T extends AutoCloseable> T add(T closeable) {
        open.add(closeable);
        return closeable;
    }

    /** A UDP socket on {@code address}, any port, with 4 MiB buffers (a burst of answers must not drop at the socket). */
    DatagramSocket socket(String address) throws IOException {
        DatagramSocket socket = add(new DatagramSocket(new InetSocketAddress(WanTopologyTest.ip(address), 0)));
        socket.setReceiveBufferSize(4 << 20);
        socket.setSendBufferSize(4 << 20);
        return socket;
    }

    @Override
    public void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }
}
