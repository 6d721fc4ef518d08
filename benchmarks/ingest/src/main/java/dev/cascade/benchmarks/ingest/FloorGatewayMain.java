package dev.cascade.benchmarks.ingest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.v1.Ack;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.Header;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;

/**
 * The floor of the ingest benchmark ({@code --gateway floor}): the least any gateway must do that
 * authenticates every datagram and acknowledges it only after Kafka has it — receive, verify the
 * tag and the replay window (the wire library's {@link DatagramVerifier}), derive the event id,
 * publish one keyed record with the event headers (acks=all, idempotent, the gateway's linger), and
 * sign and send the ACK. Nothing else: the payload is not parsed or validated, no event is built
 * (the record's value is the authenticated datagram as received, zero-padded to the size of the
 * gateway's event so that producer and broker move as many bytes), no rate limit, queue, metric or
 * log line. Run in place of the gateway with the same JVM options on the same CPU, it measures what
 * the path costs on this machine whatever a gateway is built like, so the gateway's ratio can be
 * read against the floor's.
 *
 * <pre>java -cp ... FloorGatewayMain BOOTSTRAP_SERVERS KEY_FILE PORT_FILE TOPIC VALUE_SIZE</pre>
 * Writes the bound UDP port to PORT_FILE once the producer has the topic's metadata; stops on SIGTERM.
 */
public final class FloorGatewayMain {

    private static final String EVENT_TYPE = "cascade.v1.PeerRegistered";
    private static final int ACK_QUEUE = 65_536;
    /**
     * {@code -Dcascade.floor.ack-in-callback=true}: sign and send each ACK on the producer's I/O
     * thread instead of handing it to a thread of its own (the gateway's way).
     */
    private static final boolean ACK_IN_CALLBACK = Boolean.getBoolean("cascade.floor.ack-in-callback");

    private final DatagramChannel channel;
    private final KafkaProducer<String, byte[]> producer;
    private final DatagramVerifier verifier;
    private final String topic;
    private final int valueSize;
    private final UUID serverId = UUID.randomUUID();
    private final SequenceCounter sequences = new SequenceCounter();
    private final BlockingQueue<Pending> acks = new ArrayBlockingQueue<>(ACK_QUEUE);
    private final MessageDigest md5;
    private volatile boolean running = true;

    private record Pending(InetSocketAddress source, WireKey key, long sequence, String eventId) {
    }

    private FloorGatewayMain(DatagramChannel channel, KafkaProducer<String, byte[]> producer, WireKey key,
                             String topic, int valueSize) throws NoSuchAlgorithmException {
        this.channel = channel;
        this.valueSize = valueSize;
        this.producer = producer;
        this.topic = topic;
        this.verifier = new DatagramVerifier(KeyRing.of(key), new ReplayGuard(100_000), Duration.ofMinutes(2),
                Clock.systemUTC(), Set.of(MessageType.REGISTER));
        this.md5 = MessageDigest.getInstance("MD5");
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException(
                    "usage: FloorGatewayMain BOOTSTRAP_SERVERS KEY_FILE PORT_FILE TOPIC VALUE_SIZE");
        }
        WireKey key = KeyFile.current(Path.of(args[1]), KeyPurpose.FLEET);
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0],
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2), new StringSerializer(), new ByteArraySerializer());
        producer.partitionsFor(args[3]); // metadata before the first datagram, as the gateway's readiness waits for Kafka
        DatagramChannel channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20); // the gateway's default
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        FloorGatewayMain floor = new FloorGatewayMain(channel, producer, key, args[3], Integer.parseInt(args[4]));
        Thread acker = new Thread(floor::ackLoop, "floor-ack-sender");
        acker.setDaemon(true);
        acker.start();
        Thread receiver = Thread.currentThread();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> floor.stop(receiver)));

        Path portFile = Path.of(args[2]);
        Path written = Files.writeString(portFile.resolveSibling(portFile.getFileName() + ".tmp"),
                Integer.toString(((InetSocketAddress) channel.getLocalAddress()).getPort()));
        Files.move(written, portFile, StandardCopyOption.ATOMIC_MOVE);
        floor.receiveLoop();
    }

    private void receiveLoop() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(DatagramCodec.MAX_DATAGRAM_SIZE + 1);
        byte[] name = new byte[32];
        while (running) {
            buffer.clear();
            InetSocketAddress source;
            try {
                source = (InetSocketAddress) channel.receive(buffer);
            } catch (ClosedChannelException e) {
                return;
            }
            if (!(verifier.verify(buffer.array(), buffer.position()) instanceof Verification.Accepted accepted)) {
                continue;
            }
            Header header = accepted.datagram().header();
            String eventId = eventId(header, name);
            byte[] value = new byte[Math.max(valueSize, buffer.position())]; // zero-padded
            System.arraycopy(buffer.array(), 0, value, 0, buffer.position());
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, header.senderId().toString(), value);
            record.headers().add(EventHeaders.EVENT_ID, eventId.getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventHeaders.EVENT_TYPE, EventHeaders.bytes(EVENT_TYPE));
            WireKey key = accepted.key();
            long sequence = header.sequence();
            producer.send(record, (metadata, failure) -> {
                if (failure == null) {
                    Pending pending = new Pending(source, key, sequence, eventId);
                    if (ACK_IN_CALLBACK) {
                        sendAck(pending);
                    } else {
                        acks.offer(pending); // full: no ACK, the sender retransmits
                    }
                }
            });
        }
    }

    /** docs/protocol.md §6.1: a version-3 UUID of sender id, sequence and timestamp (big-endian). */
    private String eventId(Header header, byte[] name) {
        ByteBuffer.wrap(name).putLong(header.senderId().getMostSignificantBits())
                .putLong(header.senderId().getLeastSignificantBits()).putLong(header.sequence())
                .putLong(header.timestampMillis());
        byte[] digest = md5.digest(name);
        digest[6] = (byte) (digest[6] & 0x0f | 0x30);
        digest[8] = (byte) (digest[8] & 0x3f | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(digest);
        return new UUID(bits.getLong(), bits.getLong()).toString();
    }

    private void ackLoop() {
        List<Pending> batch = new ArrayList<>(512);
        try {
            while (true) {
                batch.add(acks.take());
                acks.drainTo(batch, 511);
                batch.forEach(this::sendAck);
                batch.clear();
            }
        } catch (InterruptedException e) {
            return; // stopping
        }
    }

    private void sendAck(Pending pending) {
        byte[] payload = Ack.newBuilder().setAckedSequence(pending.sequence()).setEventId(pending.eventId())
                .build().toByteArray();
        try {
            channel.send(ByteBuffer.wrap(DatagramCodec.encode(MessageType.ACK, serverId, pending.key(),
                    sequences.next(), System.currentTimeMillis(), payload)), pending.source());
        } catch (ClosedChannelException e) {
            running = false; // stopping
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("sending an ACK failed", e);
        }
    }

    private void stop(Thread receiver) {
        running = false;
        try {
            channel.close(); // ends the receive loop
            receiver.join(2_000);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("closing the UDP socket failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            producer.close(Duration.ofSeconds(10));
        }
    }
}
