package dev.cascade.benchmarks.micro;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.transfer.ContentManifest;
import dev.cascade.wire.transfer.FetchProgress;
import dev.cascade.wire.transfer.FetchResult;
import dev.cascade.wire.transfer.FetchSettings;
import dev.cascade.wire.transfer.FetchSource;
import dev.cascade.wire.transfer.PieceHolding;
import dev.cascade.wire.transfer.PieceServer;
import dev.cascade.wire.transfer.PieceSink;
import dev.cascade.wire.transfer.PieceSource;
import dev.cascade.wire.transfer.ServePolicy;
import dev.cascade.wire.transfer.ServerSettings;

/**
 * Loopback throughput of the foreground content transfer (docs/protocol.md §17): one {@code PieceServer}, one
 * {@code PieceFetcher}, a 32 MiB content in 1 MiB pieces, every piece verified by SHA-256 as the agent does.
 * One operation fetches the whole content; MB/s = 33.55 / (seconds per op). {@code datagram} is the
 * max_datagram_size asked for: 1 472 (a 1 500-byte LAN) or 8 972 (jumbo frames).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ForegroundTransferBenchmark {

    private static final int CONTENT = 32 * 1024 * 1024;
    private static final int PIECE = 1024 * 1024;

    @Param({"1472", "8972"})
    public int datagram;

    private byte[] content;
    private byte[][] hashes;
    private PieceServer server;
    private DatagramSocket fetcherSocket;
    private dev.cascade.wire.transfer.PieceFetcher fetcher;
    private ContentManifest manifest;
    private FetchSource source;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        content = new byte[CONTENT];
        new Random(1).nextBytes(content);
        manifest = new ContentManifest("bench-content", CONTENT, PIECE);
        hashes = new byte[manifest.pieceCount()][];
        for (int p = 0; p < hashes.length; p++) {
            hashes[p] = sha256(Arrays.copyOfRange(content, p * PIECE, p * PIECE + manifest.pieceLength(p)));
        }
        WireKey fleet = new WireKey(1, KeyPurpose.FLEET, new byte[32], null);
        DatagramSocket serverSocket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        serverSocket.setSendBufferSize(4 << 20);
        UUID holder = UUID.randomUUID();
        server = new PieceServer(serverSocket, KeyRing.of(fleet), holder, new SequenceCounter(), new PieceSource() {
            @Override
            public boolean has(String contentId, int piece) {
                return true;
            }

            @Override
            public byte[] read(String contentId, int piece) {
                return Arrays.copyOfRange(content, piece * PIECE, piece * PIECE + manifest.pieceLength(piece));
            }

            @Override
            public PieceHolding holding(String contentId) {
                return PieceHolding.all(manifest.pieceCount());
            }
        }, ServePolicy.SERVE_ALL, ServerSettings.DEFAULTS, Clock.systemUTC()).start();
        fetcherSocket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        fetcherSocket.setReceiveBufferSize(4 << 20);
        fetcher = new dev.cascade.wire.transfer.PieceFetcher(fetcherSocket, KeyRing.of(fleet), UUID.randomUUID(),
                new SequenceCounter(), FetchSettings.DEFAULTS.withMaxDatagramSize(datagram), Clock.systemUTC());
        source = FetchSource.holdingAll(holder, new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        server.close();
        fetcherSocket.close();
    }

    @Benchmark
    public FetchResult fetchAll() throws Exception {
        FetchResult result = fetcher.fetch(manifest, List.of(source), new BitSet(), (piece, data) ->
                MessageDigest.isEqual(sha256(data), hashes[piece]) ? PieceSink.Verdict.ACCEPTED
                        : PieceSink.Verdict.BAD_PIECE, FetchProgress.NONE);
        if (!result.complete()) {
            throw new IllegalStateException("fetch did not complete: " + result);
        }
        return result;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
