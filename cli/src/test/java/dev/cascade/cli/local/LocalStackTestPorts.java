package dev.cascade.cli.local;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Random;

/**
 * Free ports for a stack under test. Chosen below Linux's ephemeral range (32768-60999), where the kernel hands out the
 * local ports of outgoing connections: a port picked there can be taken by any client connection between this check
 * and the service's bind.
 */
public final class LocalStackTestPorts {

    private static final Random RANDOM = new Random();

    private LocalStackTestPorts() {
    }

    /** The first of {@code size} consecutive free TCP ports. */
    public static int freeBlock(int size) throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int first = 20_000 + RANDOM.nextInt(12_000 - size);
            boolean allFree = true;
            for (int port = first; port < first + size && allFree; port++) {
                allFree = tcpFree(port);
            }
            if (allFree) {
                return first;
            }
        }
        throw new IOException("no block of " + size + " free ports between 20000 and 32000");
    }

    public static GatewayPorts freeGatewayPorts() throws IOException {
        java.util.Set<Integer> ports = new java.util.LinkedHashSet<>();
        while (ports.size() < 7) {
            ports.add(freeUdpPort());
        }
        Integer[] p = ports.toArray(new Integer[0]);
        return new GatewayPorts(p[0], p[1], p[2], p[3], p[4], p[5], p[6]);
    }

    /** An offset (`--udp-port-offset`) that puts every one of the gateway's seven UDP ports on a free port. */
    public static int freeUdpOffset() throws IOException {
        GatewayPorts defaults = GatewayPorts.defaults();
        for (int attempt = 0; attempt < 200; attempt++) {
            int offset = 20_000 + RANDOM.nextInt(11_700) - defaults.smallReplies();
            if (GatewayPorts.offset(offset).byName().values().stream().allMatch(LocalStackTestPorts::udpFree)) {
                return offset;
            }
        }
        throw new IOException("no UDP port offset with all seven gateway ports free between 20000 and 32000");
    }

    public static int freeUdpPort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + RANDOM.nextInt(12_000);
            if (udpFree(port)) {
                return port;
            }
        }
        throw new IOException("no free UDP port between 20000 and 32000");
    }

    private static boolean udpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean tcpFree(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return socket.getLocalPort() == port;
        } catch (IOException e) {
            return false;
        }
    }
}
