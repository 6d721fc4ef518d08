package dev.cascade.benchmarks.micro;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.contracts.v1.Register;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.DatagramVerifier;
import dev.cascade.wire.DecodedPayload;
import dev.cascade.wire.Header;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.PayloadDecoder;
import dev.cascade.wire.ReplayGuard;
import dev.cascade.wire.Verification;
import dev.cascade.wire.WireKey;

/**
 * What the gateway spends on one REGISTER datagram (132 bytes, as in protocol.md §9), next to the
 * HMAC-SHA256 over the same 100 signed bytes computed by the JDK's {@code Mac}, a fixed reference that
 * lets runs on this shared, noisy machine be compared as ratios.
 *
 * <p>Every op must pass the replay window, so it takes the next datagram of a pre-generated ring of
 * 2^20 datagrams from 1024 senders (1024 consecutive sequence numbers each, interleaved sender by sender).
 * Each iteration starts with a fresh verifier (empty replay windows) at the start of the ring; an iteration
 * that used up the ring would start over with another fresh verifier (counted in {@link #ringWraps}).
 * The verifier reads the system clock, as the gateway's does; the datagrams are stamped when the trial
 * starts, well within the 300 s skew for the length of a run.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class DecodeVerifyBenchmark {

    private static final int RING = 1 << 20;
    private static final int SENDERS = 1024;

    private final byte[] secret = new byte[WireKey.SECRET_SIZE];
    private WireKey key;
    private final Clock clock = Clock.systemUTC();
    private byte[][] ring;
    private byte[][] payloads;
    private byte[][] tampered;
    private DatagramVerifier verifier;
    private Mac mac;
    private int next;
    public long ringWraps;

    @Setup(Level.Trial)
    public void generate() throws GeneralSecurityException {
        for (int i = 0; i < secret.length; i++) {
            secret[i] = (byte) i;
        }
        key = new WireKey(1, KeyPurpose.FLEET, secret, null);
        long now = clock.millis();
        UUID[] senders = new UUID[SENDERS];
        for (int s = 0; s < SENDERS; s++) {
            senders[s] = UUID.nameUUIDFromBytes(("pc-" + s).getBytes());
        }
        long firstSequence = now * 1000;
        payloads = new byte[SENDERS][];
        for (int s = 0; s < SENDERS; s++) {
            payloads[s] = register(s).toByteArray();
        }
        ring = new byte[RING][];
        for (int i = 0; i < RING; i++) {
            int sender = i % SENDERS;
            ring[i] = DatagramCodec.encode(MessageType.REGISTER, senders[sender], key, firstSequence + i / SENDERS, now,
                    payloads[sender]);
        }
        tampered = new byte[SENDERS][];
        for (int i = 0; i < SENDERS; i++) {
            tampered[i] = ring[i].clone();
            tampered[i][tampered[i].length - 1] ^= 0x01;
        }
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        if (!(newVerifier().verify(ring[0], ring[0].length) instanceof Verification.Accepted)) {
            throw new IllegalStateException("the generated datagrams do not verify");
        }
        if (ring[0].length < 120 || ring[0].length > 140) {
            throw new IllegalStateException("a REGISTER datagram should be about 132 bytes, is " + ring[0].length);
        }
    }

    private static Register register(int sender) {
        return Register.newBuilder()
                .setHostname(String.format("pc-%04d", sender))
                .setIpAddress("10.1." + (sender / 250) + "." + (sender % 250 + 1))
                .setPrefixLength(24)
                .setDeviceClass(DeviceClass.DEVICE_CLASS_DESKTOP)
                .setOsType(OsType.OS_TYPE_WORKSTATION)
                .setFreeStorageBytes(53_687_091_200L)
                .setUsableStorageBytes(10_737_418_240L)
                .setBootTimeUnixMs(1_795_651_200_000L)
                .setClientVersion("1.0.0")
                .build();
    }

    private DatagramVerifier newVerifier() {
        return new DatagramVerifier(KeyRing.of(key), new ReplayGuard(1_000_000), Duration.ofSeconds(300), clock,
                Set.of(MessageType.REGISTER));
    }

    @Setup(Level.Iteration)
    public void freshWindows() {
        verifier = newVerifier();
        next = 0;
    }

    private byte[] nextDatagram() {
        if (next == RING) {
            freshWindows();
            ringWraps++;
        }
        return ring[next++];
    }

    /**
     * The reference: HMAC-SHA256 over header and payload with an initialised JDK {@code Mac}. The verifier no
     * longer uses a Mac (it skips re-hashing the key's padded blocks), so this is the ratio's fixed yardstick.
     */
    @Benchmark
    public byte[] hmacOnly() {
        byte[] datagram = nextDatagram();
        mac.update(datagram, 0, datagram.length - Header.TAG_SIZE);
        return mac.doFinal();
    }

    /** Header checks, key look-up, tag, timestamp and replay window. */
    @Benchmark
    public Verification verify() {
        byte[] datagram = nextDatagram();
        return verifier.verify(datagram, datagram.length);
    }

    /** {@link #verify} plus parsing and validating the Register payload: the whole receive path before Kafka. */
    @Benchmark
    public DecodedPayload verifyAndDecode() {
        byte[] datagram = nextDatagram();
        Verification verification = verifier.verify(datagram, datagram.length);
        if (!(verification instanceof Verification.Accepted accepted)) {
            throw new IllegalStateException("dropped: " + verification);
        }
        return PayloadDecoder.decode(MessageType.REGISTER, accepted.datagram().payload());
    }

    /** Parsing and validating a Register payload alone, for the breakdown of {@link #verifyAndDecode}. */
    @Benchmark
    public DecodedPayload decodeOnly() {
        return PayloadDecoder.decode(MessageType.REGISTER, payloads[next++ & (SENDERS - 1)]);
    }

    /** A datagram with one tag bit flipped: dropped as bad_tag, the replay window untouched. */
    @Benchmark
    public Verification tamperedRejected() {
        byte[] datagram = tampered[next++ & (SENDERS - 1)];
        return verifier.verify(datagram, datagram.length);
    }
}
