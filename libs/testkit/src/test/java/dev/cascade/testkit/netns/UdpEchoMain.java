package dev.cascade.testkit.netns;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A child process for {@link NamespaceLabTest}: {@code listen PORT} prints "listening" once bound and then
 * one line per datagram; {@code send ADDRESS PORT TEXT} sends one datagram (broadcast allowed).
 */
public final class UdpEchoMain {

    private UdpEchoMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("listen")) {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(Integer.parseInt(args[1])))) {
                System.out.println("listening on " + socket.getLocalSocketAddress());
                System.out.flush();
                byte[] buffer = new byte[1500];
                while (true) {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    socket.receive(packet);
                    System.out.println("got '" + new String(buffer, 0, packet.getLength(), StandardCharsets.UTF_8)
                            + "' from " + packet.getAddress().getHostAddress());
                    System.out.flush();
                }
            }
        }
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setBroadcast(true);
            byte[] text = args[3].getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(text, text.length, InetAddress.getByName(args[1]), Integer.parseInt(args[2])));
            System.out.println("sent");
        }
    }
}
