package dev.cascade.wire.large;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.FragmentRefusal;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;

/** Real UDP sockets on loopback; the receiving side loses and reorders datagrams on purpose. */
class LargeMessageDeliveryTest {

    private final WireKey key = new WireKey(4, KeyPurpose.CONNECTOR, randomBytes(32, 99), null);
    private final Clock clock = Clock.systemUTC();
    private DatagramSocket receiverSocket;
    private DatagramSocket senderSocket;
    private final AtomicBoolean running = new AtomicBoolean(true);

    private static byte[] randomBytes(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    @AfterEach
    void close() {
        running.set(false);
        if (receiverSocket != null) {
            receiverSocket.close();
        }
        if (senderSocket != null) {
            senderSocket.close();
        }
    }

    /** Receives on a real socket, drops each datagram with probability {@code loss}, and delays some past later ones. */
    private final class LossyReceiver {
        final LargeMessageReceiver receiver;
        final Random random = new Random(20261125);
        final double loss;
        final AtomicInteger received = new AtomicInteger();
        final AtomicInteger dropped = new AtomicInteger();
        final AtomicInteger reordered = new AtomicInteger();
        final CompletableFuture<LargeMessage> completed = new CompletableFuture<>();

        LossyReceiver(ReassemblyLimits limits, double loss) throws IOException {
            receiverSocket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            receiverSocket.setReceiveBufferSize(8 * 1024 * 1024);
            receiverSocket.setSoTimeout(5);
            this.loss = loss;
            KeyRing keys = KeyRing.of(key);
            this.receiver = new LargeMessageReceiver(receiverSocket, keys,
                    new DatagramVerifier(keys, new ReplayGuard(100), Duration.ofSeconds(300), clock, Set.of(MessageType.FRAGMENT)),
                    new Reassembler(limits), UUID.randomUUID(), new SequenceCounter(), clock);
            Thread thread = new Thread(this::run, "lossy-receiver");
            thread.setDaemon(true);
            thread.start();
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), receiverSocket.getLocalPort());
        }

        private record Held(byte[] data, SocketAddress from, int releaseAfter) {
        }

        private void run() {
            Deque<Held> delayed = new ArrayDeque<>();
            byte[] buffer = new byte[65_535];
            try {
                while (running.get()) {
                    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                    try {
                        receiverSocket.receive(packet);
                    } catch (SocketTimeoutException e) {
                        while (!delayed.isEmpty()) { // quiet: whatever was held back arrives now
                            deliver(delayed.poll());
                        }
                        receiver.sendDueAcks();
                        continue;
                    }
                    received.incrementAndGet();
                    byte[] data = Arrays.copyOf(buffer, packet.getLength());
                    if (random.nextDouble() < loss) {
                        dropped.incrementAndGet();
                    } else if (random.nextDouble() < 0.05) {
                        reordered.incrementAndGet();
                        delayed.add(new Held(data, packet.getSocketAddress(), received.get() + 1 + random.nextInt(8)));
                    } else {
                        deliver(new Held(data, packet.getSocketAddress(), 0));
                    }
                    while (!delayed.isEmpty() && delayed.peek().releaseAfter() <= received.get()) {
                        deliver(delayed.poll());
                    }
                    receiver.sendDueAcks();
                }
            } catch (IOException | RuntimeException e) {
                if (running.get()) {
                    completed.completeExceptionally(e);
                }
            }
        }

        private void deliver(Held held) throws IOException {
            Optional<LargeMessage> message = receiver.handle(held.data(), held.data().length, held.from());
            message.ifPresent(completed::complete);
        }
    }

    private LargeMessageSender sender(UUID senderId, SendSettings settings) throws IOException {
        senderSocket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        return new LargeMessageSender(senderSocket, senderId, key, new SequenceCounter(), clock, new Fragmenter(), settings);
    }

    @Test
    void deliversFiveMegabytesThroughTwentyPercentLossResendingOnlyWhatWasLost() throws Exception {
        LossyReceiver receiver = new LossyReceiver(ReassemblyLimits.DEFAULTS, 0.20);
        UUID senderId = UUID.randomUUID();
        byte[] payload = randomBytes(5_000_000, 7);

        LargeDelivery delivery = sender(senderId, SendSettings.DEFAULTS)
                .send(MessageType.APP_METADATA, payload, receiver.address());

        assertThat(delivery).isInstanceOf(LargeDelivery.Delivered.class);
        LargeMessage message = receiver.completed.get(5, TimeUnit.SECONDS);
        assertThat(message.payload()).isEqualTo(payload);
        assertThat(message.sender()).isEqualTo(senderId);
        assertThat(message.type()).isEqualTo(MessageType.APP_METADATA);

        LargeDelivery.Delivered delivered = (LargeDelivery.Delivered) delivery;
        int fragments = delivered.fragments();
        int lost = receiver.dropped.get();
        assertThat(fragments).isEqualTo((5_000_000 + 1199) / 1200);
        assertThat(receiver.reordered.get()).isPositive();
        assertThat(lost).as("datagrams dropped").isBetween(fragments / 6, fragments / 3);
        // every lost fragment must be sent again; selective retransmission sends little more than that
        assertThat(delivered.fragmentsResent()).as("fragments resent, %d lost of %d", lost, fragments)
                .isGreaterThanOrEqualTo(lost)
                .isLessThanOrEqualTo(lost + lost / 10 + 32);
        assertThat(receiver.received.get()).isEqualTo(fragments + delivered.fragmentsResent());
    }

    @Test
    void aMessageAboveTheReceiversLimitIsRefusedTooLargeAfterTheFirstBurst() throws Exception {
        LossyReceiver receiver = new LossyReceiver(ReassemblyLimits.DEFAULTS.withMaxMessageBytes(1024 * 1024), 0);

        LargeDelivery delivery = sender(UUID.randomUUID(), SendSettings.DEFAULTS)
                .send(MessageType.APP_METADATA, new byte[2 * 1024 * 1024], receiver.address());

        assertThat(delivery).isEqualTo(new LargeDelivery.Refused(FragmentRefusal.FRAGMENT_REFUSAL_TOO_LARGE, 1));
        // the sender stopped after hearing the refusal instead of sending all 1748 fragments
        assertThat(receiver.received.get()).isLessThan(1748 / 4);
    }

    @Test
    void givesUpWithNoAnswerWhenNobodyAcknowledges() throws Exception {
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            SendSettings quick = new SendSettings(32, Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofMillis(80),
                    Duration.ofMillis(10), 3, 64);

            LargeDelivery delivery = sender(UUID.randomUUID(), quick).send(MessageType.APP_METADATA, new byte[10_000],
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()));

            // round 1 sends all 9 fragments, then each silent round sends one probe
            assertThat(delivery).isEqualTo(new LargeDelivery.NoAnswer(3, 2));
        }
    }

    @Test
    void signsEachMessageWithTheRingsCurrentKeySoAKeyDeliveredMeanwhileIsUsedFromTheNextMessage() throws Exception {
        KeyRing ring = KeyRing.of(key);
        SendSettings quick = new SendSettings(32, Duration.ofMillis(1), Duration.ofMillis(20), Duration.ofMillis(40),
                Duration.ofMillis(10), 1, 64);
        try (DatagramSocket silent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            senderSocket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
            LargeMessageSender sender = new LargeMessageSender(senderSocket, UUID.randomUUID(), ring, KeyPurpose.CONNECTOR,
                    new SequenceCounter(), clock, new Fragmenter(), quick);
            InetSocketAddress to = new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort());

            WireKey next = new WireKey(9, KeyPurpose.CONNECTOR, randomBytes(32, 100), null);
            DatagramVerifier both = new DatagramVerifier(KeyRing.of(key, next), new ReplayGuard(100), Duration.ofSeconds(300),
                    clock, Set.of(MessageType.FRAGMENT));

            sender.send(MessageType.APP_METADATA, new byte[3_000], to);
            assertThat(lastKeyId(silent, both)).isEqualTo(key.id());

            ring.replaceAll(java.util.List.of(key.retiredUntil(java.time.Instant.now().plusSeconds(60)), next));
            sender.send(MessageType.APP_METADATA, new byte[3_000], to);
            assertThat(lastKeyId(silent, both)).isEqualTo(9);
        }
    }

    /** The key id of the last of the datagrams waiting on {@code socket} (every one must verify). */
    private static long lastKeyId(DatagramSocket socket, DatagramVerifier verifier) throws IOException {
        socket.setSoTimeout(2_000);
        byte[] buffer = new byte[65_535];
        long keyId = -1;
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return keyId; // the last message's key
            }
            dev.cascade.wire.Verification verification = verifier.verify(buffer, packet.getLength());
            assertThat(verification).isInstanceOf(dev.cascade.wire.Verification.Accepted.class);
            keyId = ((dev.cascade.wire.Verification.Accepted) verification).datagram().header().keyId();
            socket.setSoTimeout(200);
        }
    }
}
