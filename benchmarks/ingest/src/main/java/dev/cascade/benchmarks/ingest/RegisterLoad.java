package dev.cascade.benchmarks.ingest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.contracts.v1.Register;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;

/**
 * Sends authenticated REGISTER datagrams from many device ids over one loopback socket, at most
 * {@code window} unacknowledged at a time and at most {@code ratePerSecond} (0 = as fast as the
 * window allows), and records for each the time from send to its ACK. No retransmission: a
 * datagram without an ACK is counted as unacknowledged.
 */
final class RegisterLoad {

    /** What one run measured. Index i of the arrays is the i-th datagram sent. */
    record Result(int sent, int acked, int rejected, long firstSendNanos, long lastAckNanos, long[] latencyNanos,
                  UUID[] sender, long[] sequence, long[] timestampMillis, String[] ackEventId) {

        double ackedPerSecond() {
            return acked / ((lastAckNanos - firstSendNanos) / 1e9);
        }
    }

    private final InetSocketAddress gateway;
    private final WireKey key;
    private final UUID[] devices;
    private final byte[][] payloads;

    RegisterLoad(InetSocketAddress gateway, WireKey key, int deviceCount) {
        this.gateway = gateway;
        this.key = key;
        this.devices = new UUID[deviceCount];
        this.payloads = new byte[deviceCount][];
        for (int d = 0; d < deviceCount; d++) {
            devices[d] = UUID.randomUUID();
            payloads[d] = registration(d).toByteArray();
        }
    }

    /** The registration device {@code d} sends: realistic sizes, so the events are as large as real ones. */
    static Register registration(int d) {
        return Register.newBuilder().setHostname(String.format("pc-%06d.branch-%03d.example.org", d, d % 500))
                .setIpAddress("10." + (d >> 16 & 255) + "." + (d >> 8 & 255) + "." + (d & 255)).setPrefixLength(24)
                .setDeviceClass(DeviceClass.DEVICE_CLASS_DESKTOP).setOsType(OsType.OS_TYPE_WORKSTATION)
                .setFreeStorageBytes(53_687_091_200L).setUsableStorageBytes(10_737_418_240L)
                .setBootTimeUnixMs(1_795_651_200_000L).setClientVersion("1.0.0").build();
    }

    Result run(int count, int window, double ratePerSecond) throws IOException, InterruptedException {
        long[] sentAt = new long[count];
        long[] latency = new long[count];
        UUID[] sender = new UUID[count];
        long[] sequence = new long[count];
        long[] timestamp = new long[count];
        String[] ackEventId = new String[count];
        AtomicInteger acked = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        long[] lastAck = {0};
        long base = System.currentTimeMillis() * 1000L; // like SequenceCounter: above anything sent before
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 8 << 20);
            channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 8 << 20);
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.connect(gateway);
            Thread receiver = new Thread(() -> receiveAcks(channel, base, count, sentAt, latency, ackEventId, acked,
                    rejected, lastAck), "ack-receiver");
            receiver.setDaemon(true);
            receiver.start();

            long period = ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0;
            long start = System.nanoTime();
            long written = 0;
            int declaredLost = 0;
            long lastProgress = start;
            int lastAcked = 0;
            for (int i = 0; i < count; i++) {
                while (i - acked.get() - rejected.get() - declaredLost >= window) {
                    LockSupport.parkNanos(20_000);
                    int now = acked.get();
                    if (now != lastAcked) {
                        lastAcked = now;
                        lastProgress = System.nanoTime();
                    } else if (System.nanoTime() - lastProgress > Duration.ofSeconds(2).toNanos()) {
                        declaredLost = i - acked.get() - rejected.get(); // dropped somewhere: stop waiting for them
                    }
                }
                if (period > 0) {
                    long due = start + i * period;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(Math.max(1_000, due - System.nanoTime() - 50_000));
                    }
                }
                int d = i % devices.length;
                sender[i] = devices[d];
                sequence[i] = base + i;
                timestamp[i] = System.currentTimeMillis();
                byte[] datagram = DatagramCodec.encode(MessageType.REGISTER, devices[d], key, sequence[i], timestamp[i],
                        payloads[d]);
                sentAt[i] = System.nanoTime();
                written += channel.write(ByteBuffer.wrap(datagram)) > 0 ? 1 : 0;
            }
            awaitQuiet(acked, rejected, count);
            channel.close();
            receiver.join(2_000);
            return new Result((int) written, acked.get(), rejected.get(), start, lastAck[0], latency, sender, sequence,
                    timestamp, ackEventId);
        }
    }

    private static void awaitQuiet(AtomicInteger acked, AtomicInteger rejected, int count) throws InterruptedException {
        int last = -1;
        long quietSince = System.nanoTime();
        while (acked.get() + rejected.get() < count && System.nanoTime() - quietSince < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(50);
            int now = acked.get() + rejected.get();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private void receiveAcks(DatagramChannel channel, long base, int count, long[] sentAt, long[] latency,
                             String[] ackEventId, AtomicInteger acked, AtomicInteger rejected, long[] lastAck) {
        DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(16), Duration.ofMinutes(10),
                Clock.systemUTC(), Set.of(MessageType.ACK, MessageType.REJECT));
        ByteBuffer buffer = ByteBuffer.allocate(DatagramCodec.MAX_DATAGRAM_SIZE);
        while (true) {
            buffer.clear();
            try {
                channel.read(buffer);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                continue; // e.g. ICMP port unreachable for an earlier datagram
            }
            long now = System.nanoTime();
            Verification verification = verifier.verify(buffer.array(), buffer.position());
            if (!(verification instanceof Verification.Accepted accepted)) {
                rejected.incrementAndGet(); // an unauthenticated REJECT
                continue;
            }
            if (accepted.datagram().type() == MessageType.REJECT) {
                rejected.incrementAndGet();
                continue;
            }
            try {
                Ack ack = Ack.parseFrom(accepted.datagram().payload());
                long index = ack.getAckedSequence() - base;
                if (index >= 0 && index < count && ackEventId[(int) index] == null) {
                    ackEventId[(int) index] = ack.getEventId();
                    latency[(int) index] = now - sentAt[(int) index];
                    lastAck[0] = now;
                    acked.incrementAndGet();
                }
            } catch (InvalidProtocolBufferException e) {
                rejected.incrementAndGet();
            }
        }
    }
}
