package dev.cascade.benchmarks.ingest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
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
 * {@code window} unanswered at a time and at most {@code ratePerSecond} (0 = as fast as the
 * window allows), and records for each the time from send to its ACK. No retransmission: a
 * datagram without an ACK is counted as unacknowledged. The generator may share the gateway's CPUs,
 * so it does only what the gateway's peers would: datagrams are signed before a run starts and the
 * answers verified after it ends, leaving sending and receiving inside the measured time. A run
 * allocates nothing while it measures (datagrams and answers live in arrays made before), so no
 * collection in this JVM stretches a measured ACK latency.
 */
final class RegisterLoad {

    /** What one run measured. Index i of the arrays is the i-th datagram sent. */
    record Result(int sent, int acked, int rejected, long startUnixMillis, long firstSendNanos, long lastAckNanos,
                  long[] sentAtNanos, long[] latencyNanos,
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
        if (count < 1 || count > 4_000_000) {
            throw new IllegalArgumentException("--count must be between 1 and 4000000 datagrams per run, was " + count);
        }
        long[] sentAt = new long[count];
        UUID[] sender = new UUID[count];
        long[] sequence = new long[count];
        long[] timestamp = new long[count];
        long base = System.currentTimeMillis() * 1000L; // like SequenceCounter: above anything sent before
        // signed before the clock starts: the devices this stands in for sign on their own CPUs, not the gateway's;
        // kept in one array, so the measured run allocates nothing and this JVM collects no garbage during it
        byte[] wire = new byte[count * 320];
        int[] offset = new int[count + 1];
        for (int i = 0; i < count; i++) {
            int d = i % devices.length;
            sender[i] = devices[d];
            sequence[i] = base + i;
            timestamp[i] = System.currentTimeMillis();
            byte[] datagram = DatagramCodec.encode(MessageType.REGISTER, devices[d], key, sequence[i], timestamp[i],
                    payloads[d]);
            if (offset[i] + datagram.length > wire.length) {
                wire = Arrays.copyOf(wire, Math.max(wire.length * 2, offset[i] + datagram.length));
            }
            System.arraycopy(datagram, 0, wire, offset[i], datagram.length);
            offset[i + 1] = offset[i] + datagram.length;
        }
        ByteBuffer out = ByteBuffer.wrap(wire);
        Replies replies = new Replies(count);
        try (DatagramChannel channel = DatagramChannel.open()) {
            channel.setOption(java.net.StandardSocketOptions.SO_RCVBUF, 8 << 20);
            channel.setOption(java.net.StandardSocketOptions.SO_SNDBUF, 8 << 20);
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            channel.connect(gateway);
            Thread receiver = new Thread(() -> replies.receive(channel), "ack-receiver");
            receiver.setDaemon(true);
            receiver.start();

            long period = ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0;
            long startUnixMillis = System.currentTimeMillis();
            long start = System.nanoTime();
            long written = 0;
            int declaredLost = 0;
            long lastProgress = start;
            int lastAnswered = 0;
            for (int i = 0; i < count; i++) {
                while (i - replies.answered() - declaredLost >= window) {
                    LockSupport.parkNanos(20_000);
                    int now = replies.answered();
                    if (now != lastAnswered) {
                        lastAnswered = now;
                        lastProgress = System.nanoTime();
                    } else if (System.nanoTime() - lastProgress > Duration.ofSeconds(2).toNanos()) {
                        declaredLost = i - now; // dropped somewhere: stop waiting for them
                    }
                }
                if (period > 0) {
                    long due = start + i * period;
                    while (System.nanoTime() < due) {
                        LockSupport.parkNanos(Math.max(1_000, due - System.nanoTime() - 50_000));
                    }
                }
                out.limit(offset[i + 1]).position(offset[i]);
                sentAt[i] = System.nanoTime();
                written += channel.write(out) > 0 ? 1 : 0;
            }
            awaitQuiet(replies, count);
            channel.close();
            receiver.join(2_000);
            return replies.result((int) written, startUnixMillis, start, base, sentAt, sender, sequence, timestamp);
        }
    }

    private static void awaitQuiet(Replies replies, int count) throws InterruptedException {
        int last = -1;
        long quietSince = System.nanoTime();
        while (replies.answered() < count && System.nanoTime() - quietSince < Duration.ofSeconds(5).toNanos()) {
            Thread.sleep(50);
            int now = replies.answered();
            if (now != last) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }

    /**
     * The gateway's answers as they arrived: stored with their arrival time while the load runs and
     * verified (tag, type, acknowledged sequence) only afterwards, so checking them does not take CPU
     * from the gateway during the measurement. Every answer, verified or not, frees a place in the window.
     */
    private final class Replies {

        /** Room for one ACK (about 100 bytes); a longer answer is a REJECT, which is counted as such truncated. */
        private static final int SLOT = 256;

        private final byte[] received;
        private final int[] length;
        private final long[] receivedAt;
        private final AtomicInteger answered = new AtomicInteger();

        Replies(int count) {
            int capacity = count + count / 10 + 16;
            this.received = new byte[capacity * SLOT];
            this.length = new int[capacity];
            this.receivedAt = new long[capacity];
        }

        int answered() {
            return answered.get();
        }

        void receive(DatagramChannel channel) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(DatagramCodec.MAX_DATAGRAM_SIZE);
            int n = 0;
            while (n < length.length) {
                buffer.clear();
                try {
                    channel.read(buffer);
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException e) {
                    continue; // e.g. ICMP port unreachable for an earlier datagram
                }
                receivedAt[n] = System.nanoTime();
                buffer.flip();
                length[n] = Math.min(buffer.remaining(), SLOT);
                buffer.get(received, n * SLOT, length[n]);
                n++;
                answered.lazySet(n); // one writer
            }
        }

        Result result(int written, long startUnixMillis, long start, long base, long[] sentAt, UUID[] sender,
                      long[] sequence,
                      long[] timestamp) {
            int count = sentAt.length;
            long[] latency = new long[count];
            String[] ackEventId = new String[count];
            DatagramVerifier verifier = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(16),
                    Duration.ofMinutes(10), Clock.systemUTC(), Set.of(MessageType.ACK, MessageType.REJECT));
            int acked = 0;
            int rejected = 0;
            long lastAck = start;
            for (int r = 0; r < answered.get(); r++) {
                byte[] answer = Arrays.copyOfRange(received, r * SLOT, r * SLOT + length[r]);
                Verification verification = verifier.verify(answer, answer.length);
                if (!(verification instanceof Verification.Accepted accepted)
                        || accepted.datagram().type() == MessageType.REJECT) {
                    rejected++; // a REJECT, signed or not
                    continue;
                }
                try {
                    Ack ack = Ack.parseFrom(accepted.datagram().payload());
                    long index = ack.getAckedSequence() - base;
                    if (index >= 0 && index < count && ackEventId[(int) index] == null) {
                        ackEventId[(int) index] = ack.getEventId();
                        latency[(int) index] = receivedAt[r] - sentAt[(int) index];
                        lastAck = Math.max(lastAck, receivedAt[r]);
                        acked++;
                    }
                } catch (InvalidProtocolBufferException e) {
                    rejected++;
                }
            }
            return new Result(written, acked, rejected, startUnixMillis, start, lastAck, sentAt, latency, sender, sequence,
                    timestamp,
                    ackEventId);
        }
    }
}
