package dev.cascade.cli.demo.wan;

import static dev.cascade.cli.demo.wan.WanTopologyTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.cascade.wire.Header;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;
import dev.cascade.wire.transfer.ContentManifest;
import dev.cascade.wire.transfer.FetchProgress;
import dev.cascade.wire.transfer.FetchResult;
import dev.cascade.wire.transfer.FetchSettings;
import dev.cascade.wire.transfer.FetchSource;
import dev.cascade.wire.transfer.PieceFetcher;
import dev.cascade.wire.transfer.PieceHolding;
import dev.cascade.wire.transfer.PieceServer;
import dev.cascade.wire.transfer.PieceSink;
import dev.cascade.wire.transfer.PieceSource;
import dev.cascade.wire.transfer.ServePolicy;
import dev.cascade.wire.transfer.ServerSettings;
import dev.cascade.wire.transfer.SourceOutcome;

/**
 * The real background protocol across the emulated WAN: an HQ holder ({@link PieceServer} on an internal port behind
 * the relay) and a Branch-A requester ({@link PieceFetcher} with {@link FetchSettings#BACKGROUND}) over a 20 Mbit/s
 * link with a 200 ms queue. The delay-based window must keep the queue short enough that (almost) nothing is dropped,
 * and the link carries the content once plus each BLOCK's own fields.
 */
@Timeout(180)
class BackgroundOverWanTest {

    private static final WireKey FLEET = new WireKey(3, KeyPurpose.FLEET, new byte[32], null);
    private static final int LENGTH = 4 * 1024 * 1024 + 321;
    private static final int PIECE = 256 * 1024;
    private static final String CONTENT_ID = "wan-sample";
    /** What a BLOCK datagram carries besides content: header, tag, at most 54 bytes of fields, the content id. */
    private static final int BLOCK_OVERHEAD = Header.SIZE + Header.TAG_SIZE + 54 + 1 + 1 + CONTENT_ID.length();

    private final Opened open = new Opened();
    private final WanTopology wan = open.add(WanTopology.start(SampleWan.offices(SampleWan.mbit(20, 200, 10))));

    @AfterEach
    void closeAll() throws Exception {
        open.close();
    }

    /** 0: the path's own limit (loopback: 8 972, the reference's largest); 1 472: a 1 500-byte-MTU WAN's. */
    @ParameterizedTest(name = "max datagram {0}")
    @ValueSource(ints = {0, 1_472})
    void aBackgroundFetchCrossesTheLinkOnceWithoutFillingItsQueue(int maxDatagram) throws Exception {
        byte[] content = new byte[LENGTH];
        new Random(9).nextBytes(content);
        ContentManifest manifest = new ContentManifest(CONTENT_ID, LENGTH, PIECE);
        UUID holderId = UUID.randomUUID();
        PieceServer holder = open.add(new PieceServer(open.socket("127.0.1.10"), KeyRing.of(FLEET), holderId,
                new SequenceCounter(), source(manifest, content), ServePolicy.SERVE_ALL, ServerSettings.DEFAULTS,
                Clock.systemUTC()).start());
        WanRelay relay = open.add(WanRelay.open(wan, new InetSocketAddress(ip("127.0.1.10"), 0),
                new InetSocketAddress(ip("127.0.1.10"), holder.port())));
        PieceFetcher fetcher = new PieceFetcher(open.socket("127.0.2.20"), KeyRing.of(FLEET), UUID.randomUUID(),
                new SequenceCounter(), maxDatagram == 0 ? FetchSettings.BACKGROUND
                        : FetchSettings.BACKGROUND.withMaxDatagramSize(maxDatagram), Clock.systemUTC());
        byte[] received = new byte[LENGTH];

        FetchResult result = fetcher.fetch(manifest, List.of(FetchSource.holdingAll(holderId, relay.publicAddress())),
                new BitSet(), sink(manifest, content, received), FetchProgress.NONE);

        assertThat(result.complete()).isTrue();
        assertThat(received).isEqualTo(content);
        assertThat(result.source(holderId).outcome()).isEqualTo(SourceOutcome.OK);
        LinkCounters down = wan.counters().link("HQ → Branch-A").orElseThrow();
        double overhead = (double) down.wireBytesDelivered() / LENGTH;
        System.out.printf("background fetch of %d bytes over 20 Mbit/s: %d datagrams, %d bytes on the wire (%.3f×),"
                        + " %d dropped, queueing delay mean %d ms max %d ms, %d blocks asked again%n", LENGTH,
                down.datagramsDelivered(), down.wireBytesDelivered(), overhead, down.datagramsDropped(),
                down.meanQueueingDelay().toMillis(), down.maxQueueingDelay().toMillis(), result.blocksRerequested());
        System.out.printf("emulation CPU: %d ms%n", emulationCpuMillis());
        assertThat(down.datagramsDropped()).as("datagrams the queue dropped")
                .isLessThanOrEqualTo(Math.max(2, down.datagramsDelivered() / 50));
        // the link carried each block once (a block the fetcher had to ask for again counts twice) and nothing else:
        // the content plus at most a BLOCK's fixed fields per datagram (docs/protocol.md §17.3)
        assertThat(down.datagramsDelivered()).isEqualTo(result.blocksReceived() + result.duplicateBlocks());
        // (a late duplicate is at most one more block of at most 9 000 bytes)
        assertThat(down.bytesDelivered()).isBetween((long) LENGTH,
                LENGTH + down.datagramsDelivered() * BLOCK_OVERHEAD + result.duplicateBlocks() * 9_000L);
        if (maxDatagram == 0) {
            assertThat(overhead).as("wire bytes per content byte with 8 972-byte datagrams").isLessThan(1.05);
        }
        assertThat(relay.counters().unroutableDatagrams()).isZero();
        assertThat(relay.counters().failures()).as(relay.counters().lastFailure()).isZero();
    }

    /** CPU time of the WAN timer and relay threads (for the report; not asserted). */
    private static long emulationCpuMillis() {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("wan-"))
                .mapToLong(t -> threads.getThreadCpuTime(t.getId())).filter(n -> n > 0).sum() / 1_000_000;
    }

    private static PieceSource source(ContentManifest manifest, byte[] content) {
        return new PieceSource() {
            @Override
            public boolean has(String contentId, int piece) {
                return contentId.equals(manifest.contentId()) && piece >= 0 && piece < manifest.pieceCount();
            }

            @Override
            public byte[] read(String contentId, int piece) throws IOException {
                if (!has(contentId, piece)) {
                    throw new IOException("not held: " + contentId + " piece " + piece);
                }
                return piece(manifest, content, piece);
            }

            @Override
            public PieceHolding holding(String contentId) {
                return contentId.equals(manifest.contentId()) ? PieceHolding.all(manifest.pieceCount())
                        : PieceHolding.NONE;
            }
        };
    }

    /** Verifies each piece against the content's own piece hash, as the agent's store does, and keeps it. */
    private static PieceSink sink(ContentManifest manifest, byte[] content, byte[] received) {
        return (piece, data) -> {
            if (!MessageDigest.isEqual(sha256(data), sha256(piece(manifest, content, piece)))) {
                return PieceSink.Verdict.BAD_PIECE;
            }
            System.arraycopy(data, 0, received, piece * manifest.pieceLength(), data.length);
            return PieceSink.Verdict.ACCEPTED;
        };
    }

    private static byte[] piece(ContentManifest manifest, byte[] content, int piece) {
        int from = piece * manifest.pieceLength();
        return Arrays.copyOfRange(content, from, from + manifest.pieceLength(piece));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }


}
