package dev.cascade.agent.discovery;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import dev.cascade.contracts.v1.Discover;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;

/**
 * A child process for {@link DiscoveryNamespaceTest}, run inside a namespace: sends DISCOVERs the real
 * probe never sends and counts the DISCOVER_REPLYs that verify.
 * <pre>
 * wrong-key ADDRESS PORT KEY CONTENT    a DISCOVER tagged with another secret under the fleet key's id
 * replay    ADDRESS PORT KEY CONTENT N  a valid DISCOVER (waits for N replies), then the same bytes again
 * unicast   ADDRESS PORT KEY CONTENT    a valid DISCOVER to one address
 * </pre>
 * Prints one line per phase, e.g. {@code replayed replies=0}.
 */
public final class DiscoverSenderMain {

    private static final Duration SILENCE = Duration.ofSeconds(1);
    private static final Duration EXPECTED = Duration.ofSeconds(10);

    private DiscoverSenderMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        InetSocketAddress target = new InetSocketAddress(InetAddress.getByName(args[1]), Integer.parseInt(args[2]));
        WireKey key = WireKey.parse(args[3], KeyPurpose.FLEET);
        String content = args[4];
        UUID id = UUID.randomUUID();
        SequenceCounter sequence = new SequenceCounter();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(DiscoveryResponder.IPV4_ANY, 0))) {
            socket.setBroadcast(true);
            byte[] payload = Discover.newBuilder().setContentId(content).setReplyPort(socket.getLocalPort()).build()
                    .toByteArray();
            DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(64), Duration.ofSeconds(300),
                    Clock.systemUTC(), Set.of(MessageType.DISCOVER_REPLY));
            switch (mode) {
                case "wrong-key" -> {
                    byte[] secret = new byte[WireKey.SECRET_SIZE];
                    new SecureRandom().nextBytes(secret);
                    WireKey forged = new WireKey(key.id(), KeyPurpose.FLEET, secret, null);
                    send(socket, DatagramCodec.encode(MessageType.DISCOVER, id, forged, sequence.next(),
                            System.currentTimeMillis(), payload), target);
                    print("wrong-key replies=" + collect(socket, verifier, 0));
                }
                case "replay" -> {
                    byte[] discover = DatagramCodec.encode(MessageType.DISCOVER, id, key, sequence.next(),
                            System.currentTimeMillis(), payload);
                    send(socket, discover, target);
                    print("first replies=" + collect(socket, verifier, Integer.parseInt(args[5])));
                    send(socket, discover, target);
                    print("replayed replies=" + collect(socket, verifier, 0));
                }
                case "unicast" -> {
                    send(socket, DatagramCodec.encode(MessageType.DISCOVER, id, key, sequence.next(),
                            System.currentTimeMillis(), payload), target);
                    print("unicast replies=" + collect(socket, verifier, 0));
                }
                default -> throw new IllegalArgumentException("unknown mode " + mode);
            }
        }
    }

    private static void send(DatagramSocket socket, byte[] datagram, InetSocketAddress target) throws Exception {
        socket.send(new DatagramPacket(datagram, datagram.length, target));
    }

    /**
     * Counts verified replies: until {@code expected} arrived (within a generous bound), or, when none is
     * expected, during a quiet second in which any reply would be counted.
     */
    private static int collect(DatagramSocket socket, DatagramVerifier verifier, int expected) throws Exception {
        long deadline = System.nanoTime() + (expected > 0 ? EXPECTED : SILENCE).toNanos();
        byte[] buffer = new byte[65_535];
        int count = 0;
        while (expected == 0 || count < expected) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                break;
            }
            Verification verification = verifier.verify(buffer, packet.getLength());
            if (verification instanceof Verification.Accepted) {
                count++;
                print("reply from " + packet.getAddress().getHostAddress());
            }
        }
        return count;
    }

    private static void print(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
