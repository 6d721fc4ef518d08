package dev.cascade.agent;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every datagram arriving at this machine on a discovery port, by source address: bound to the wildcard address with
 * SO_REUSEADDR beside the agents' responders, it hears each DISCOVER broadcast to a subnet it is in (on loopback, or
 * at the test JVM's end of an {@link OfficeLan} bridge), so a test can tell which agents broadcast.
 */
final class HeardBroadcasts implements AutoCloseable {

    private final DatagramSocket socket;
    private final List<InetAddress> sources = new CopyOnWriteArrayList<>();

    HeardBroadcasts(int port) throws IOException {
        socket = new DatagramSocket(null);
        socket.setReuseAddress(true); // beside the responders on the port (and another build's test on the machine)
        socket.bind(new InetSocketAddress(port));
        Thread thread = new Thread(() -> {
            DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
            while (!socket.isClosed()) {
                try {
                    socket.receive(packet);
                    sources.add(packet.getAddress());
                } catch (IOException e) {
                    return; // closed
                }
            }
        }, "heard-broadcasts");
        thread.setDaemon(true);
        thread.start();
    }

    /** How many arrived so far. */
    int count() {
        return sources.size();
    }

    /** How many arrived from {@code ip}. */
    long from(String ip) {
        return sources.stream().filter(a -> a.getHostAddress().equals(ip)).count();
    }

    @Override
    public void close() {
        socket.close();
    }
}
