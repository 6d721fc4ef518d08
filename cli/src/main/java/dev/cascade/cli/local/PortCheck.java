package dev.cascade.cli.local;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Checks, before anything starts, that every port the stack needs is free, and names those that are not. */
final class PortCheck {

    private final List<String> taken = new ArrayList<>();

    PortCheck tcp(String host, int port, String purpose) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
        } catch (IOException e) {
            taken.add("TCP " + host + ":" + port + " (" + purpose + ")");
        }
        return this;
    }

    PortCheck udp(String host, int port, String purpose) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(host), port))) {
            socket.getLocalPort();
        } catch (IOException e) {
            taken.add("UDP " + host + ":" + port + " (" + purpose + ")");
        }
        return this;
    }

    void requireAllFree() {
        if (!taken.isEmpty()) {
            throw new LocalStackException("port" + (taken.size() > 1 ? "s" : "") + " already in use: "
                    + String.join(", ", taken)
                    + ". Stop what uses them (is another `cascade local up` running?) or choose other ports"
                    + " (--kafka-port, --http-base-port, --udp-port-offset).");
        }
    }
}
