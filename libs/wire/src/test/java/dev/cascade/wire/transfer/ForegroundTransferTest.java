package dev.cascade.wire.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.cascade.contracts.v1.Block;
import dev.cascade.contracts.v1.PieceRefusalReason;
import dev.cascade.contracts.v1.PieceRequest;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.Header;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;

/**
 * The foreground content transfer end to end on real loopback UDP sockets: holders ({@link PieceServer}) and a
 * requester ({@link PieceFetcher}), directly or through a relay that loses, reorders and forges datagrams.
 */
@Timeout(120)
class ForegroundTransferTest {

    private static final WireKey FLEET = new WireKey(7, KeyPurpose.FLEET, bytes(32, 1), null);
    private static final WireKey OTHER_FLEET = new WireKey(7, KeyPurpose.FLEET, bytes(32, 2), null);
    /** A 1 500-byte-MTU LAN's largest unfragmented UDP payload. */
    private static final int LAN_DATAGRAM = 1472;
    private static final FetchSettings LAN = FetchSettings.DEFAULTS.withMaxDatagramSize(LAN_DATAGRAM);

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void oneHolderServesEveryPieceToOneFetcher() throws Exception {
        ContentFixture content = new ContentFixture("app-one", 5 * 1024 * 1024 + 777, 1024 * 1024, 1);
        PieceServer holder = holder(content.source(), ServerSettings.DEFAULTS);
        UUID holderId = holderId(holder);
        PieceFetcher fetcher = fetcher(UUID.randomUUID(), LAN);
        ContentFixture.VerifyingSink sink = content.new VerifyingSink();

        FetchResult result = fetcher.fetch(content.manifest, List.of(source(holderId, holder)), new BitSet(), sink,
                FetchProgress.NONE);

        assertThat(result.complete()).isTrue();
        assertThat(result.piecesFetched()).isEqualTo(6);
        assertThat(sink.received).isEqualTo(content.content);
        assertThat(result.source(holderId).outcome()).isEqualTo(SourceOutcome.OK);
        assertThat(result.source(holderId).bytes()).isEqualTo(content.content.length);
        // every block once, plus whatever loopback's receive buffer dropped and was asked for again
        assertThat(holder.totalBytesServed()).isBetween((long) content.content.length,
                content.content.length + result.blocksRerequested() * 1400);
        assertThat(result.badPieces()).isZero();
    }

    @Test
    void threeHoldersShareTheWork() throws Exception {
        ContentFixture content = new ContentFixture("app-three", 12 * 256 * 1024, 256 * 1024, 2);
        List<FetchSource> sources = new ArrayList<>();
        List<PieceServer> holders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            PieceServer holder = holder(content.source(), ServerSettings.DEFAULTS);
            holders.add(holder);
            sources.add(source(holderId(holder), holder));
        }
        PieceFetcher fetcher = fetcher(UUID.randomUUID(), LAN);
        ContentFixture.VerifyingSink sink = content.new VerifyingSink();

        FetchResult result = fetcher.fetch(content.manifest, sources, new BitSet(), sink, FetchProgress.NONE);

        assertThat(result.complete()).isTrue();
        assertThat(sink.received).isEqualTo(content.content);
        for (FetchSource source : sources) {
            assertThat(result.source(source.deviceId()).pieces()).as("pieces from %s", source.deviceId()).isPositive();
            assertThat(result.source(source.deviceId()).outcome()).isEqualTo(SourceOutcome.OK);
        }
        assertThat(result.sources().stream().mapToLong(SourceReport::bytes).sum()).isEqualTo(content.content.length);
        assertThat(holders.stream().mapToLong(PieceServer::totalBytesServed).min().orElseThrow()).isPositive();
    }

    @Test
    void lossAndReorderingAreRepairedByAskingOnlyForMissingBlocks() throws Exception {
        ContentFixture content = new ContentFixture("app-lossy", 4 * 1024 * 1024, 1024 * 1024, 3);
        PieceServer holder = holder(content.source(), ServerSettings.DEFAULTS);
        UdpRelay relay = UdpRelay.lossy(address(holder), 0.05, 0.05, 42);
        open.add(relay);
        PieceFetcher fetcher = fetcher(UUID.randomUUID(), LAN);
        ContentFixture.VerifyingSink sink = content.new VerifyingSink();

        FetchResult result = fetcher.fetch(content.manifest,
                List.of(FetchSource.holdingAll(holderId(holder), relay.address())), new BitSet(), sink, FetchProgress.NONE);

        assertThat(result.complete()).isTrue();
        assertThat(sink.received).isEqualTo(content.content);
        assertThat(relay.blocksDropped.get()).as("blocks the relay dropped").isPositive();
        assertThat(relay.reordered.get()).as("datagrams the relay reordered").isPositive();
        // every dropped block had to be asked for again ...
        assertThat(result.blocksRerequested()).isGreaterThanOrEqualTo(relay.blocksDropped.get() - relay.blocksDeliveredTwice());
        // ... and blocks that had arrived were not: at most a few spurious retransmissions (a late block declared lost)
        long blocks = result.blocksReceived();
        assertThat(relay.blocksDeliveredTwice()).isLessThanOrEqualTo((int) Math.max(8, blocks / 50));
        assertThat(result.duplicateBlocks()).isLessThanOrEqualTo(Math.max(8, blocks / 50));
        assertThat(result.source(holderId(holder)).outcome()).isEqualTo(SourceOutcome.OK);
    }

    @Test
    void aHolderServingCorruptPiecesIsReportedBadAndThePieceCompletesFromAnother() throws Exception {
        ContentFixture content = new ContentFixture("app-corrupt", 8 * 128 * 1024, 128 * 1024, 4);
        PieceServer corrupter = holder(content.source(true, null), ServerSettings.DEFAULTS);
        PieceServer honest = holder(content.source(), ServerSettings.DEFAULTS);
        UUID corrupterId = holderId(corrupter);
        PieceFetcher fetcher = fetcher(UUID.randomUUID(), LAN);
        ContentFixture.VerifyingSink sink = content.new VerifyingSink();
        List<UUID> droppedSources = new ArrayList<>();

        FetchResult result = fetcher.fetch(content.manifest,
                List.of(source(corrupterId, corrupter), source(holderId(honest), honest)), new BitSet(), sink,
                new FetchProgress() {
                    @Override
                    public void sourceDropped(UUID source, SourceOutcome outcome, String detail) {
                        droppedSources.add(source);
                    }
                });

        assertThat(result.complete()).isTrue();
        assertThat(sink.received).isEqualTo(content.content);
        assertThat(result.sourcesWith(SourceOutcome.BAD)).containsExactly(corrupterId);
        assertThat(result.source(corrupterId).detail()).contains("failed verification");
        assertThat(result.source(corrupterId).pieces()).isZero();
        assertThat(result.badPieces()).isPositive();
        assertThat(droppedSources).containsExactly(corrupterId);
        assertThat(result.source(holderId(honest)).bytes()).isEqualTo(content.content.length);
    }

    @Test
    void aBusyHolderSaysSoAndTheFetcherMovesOn() throws Exception {
        ContentFixture content = new ContentFixture("app-busy", 6 * 128 * 1024, 128 * 1024, 5);
        PieceServer busy = holder(content.source(), ServerSettings.DEFAULTS.withUploadSlots(1)
                .withSlotIdleTimeout(Duration.ofMinutes(5)));
        PieceServer free = holder(content.source(), ServerSettings.DEFAULTS);
        occupySlot(busy, content);
        PieceFetcher fetcher = fetcher(UUID.randomUUID(), LAN);
        ContentFixture.VerifyingSink sink = content.new VerifyingSink();
        UUID busyId = holderId(busy);

        FetchResult result = fetcher.fetch(content.manifest, List.of(source(busyId, busy), source(holderId(free), free)),
                new BitSet(), sink, FetchProgress.NONE);

        assertThat(result.complete()).isTrue();
        assertThat(sink.received).isEqualTo(content.content);
        assertThat(busy.refusals(PieceRefusalReason.PIECE_REFUSAL_REASON_BUSY)).isPositive();
        assertThat(result.source(busyId).outcome()).isEqualTo(SourceOutcome.BUSY);
        assertThat(result.source(busyId).bytes()).isZero();
        assertThat(result.source(holderId(free)).bytes()).isEqualTo(content.content.length);
        assertThat(busy.busy()).isTrue();
    }

    @Test
    void forgedReplayedAndStrangersBlocksAreDropped() throws Exception {
        ContentFixture content = new ContentFixture("app-forged", 3 * 256 * 1024, 256 * 1024, 6);
        PieceServer holder = holder(content.source(), ServerSettings.DEFAULTS);
        UUID stranger = UUID.randomUUID();
        SequenceCounter strangerSequences = new SequenceCounter();
        // every BLOCK arrives after a forgery (other key bytes, same key id, garbage data) and a stranger's copy
        // (the right key but not the source asked), and is then replayed
        UdpRelay relay = new UdpRelay(address(holder), 0, 0, 7, datagram -> {
            if (!UdpRelay.isBlock(datagram)) {
                return List.of(datagram);
            }
            Block real = UdpRelay.block(datagram);
            byte[] garbage = real.getData().toByteArray();
            Arrays.fill(garbage, (byte) 0x66);
            byte[] payload = real.toBuilder().setData(com.google.protobuf.ByteString.copyFrom(garbage)).build()
                    .toByteArray();
            byte[] forged = DatagramCodec.encode(MessageType.BLOCK, holderIdOf(datagram), OTHER_FLEET,
                    sequenceOf(datagram) + 1_000_000_000L, System.currentTimeMillis(), payload);
            byte[] strangers = DatagramCodec.encode(MessageType.BLOCK, stranger, FLEET, strangerSequences.next(),
                    System.currentTimeMillis(), payload);
            return List.of(forged, strangers, datagram, datagram.clone());
        });
        open.add(relay);
        PieceFetcher fetcher = fetcher(UUID.randomUUID(), LAN);
        ContentFixture.VerifyingSink sink = content.new VerifyingSink();

        FetchResult result = fetcher.fetch(content.manifest,
                List.of(FetchSource.holdingAll(holderId(holder), relay.address())), new BitSet(), sink, FetchProgress.NONE);

        assertThat(result.complete()).isTrue();
        assertThat(sink.received).isEqualTo(content.content);
        assertThat(result.badPieces()).isZero();
        assertThat(result.sourcesWith(SourceOutcome.BAD)).isEmpty();
        // one of each per block, less the few loopback's receive buffer may have dropped under four times the load
        long blocks = result.blocksReceived();
        assertThat(fetcher.dropped("bad_tag")).isGreaterThanOrEqualTo(blocks * 9 / 10);
        assertThat(fetcher.dropped("unknown_sender")).isGreaterThanOrEqualTo(blocks * 9 / 10);
        assertThat(fetcher.dropped("replay")).isGreaterThanOrEqualTo(blocks * 9 / 10);
    }

    @Test
    void aRestartedFetcherSkipsThePiecesItAlreadyHas() throws Exception {
        ContentFixture content = new ContentFixture("app-restart", 8 * 256 * 1024, 256 * 1024, 8);
        PieceServer holder = holder(content.source(), ServerSettings.DEFAULTS);
        UUID holderId = holderId(holder);
        UUID requester = UUID.randomUUID();
        PieceFetcher first = fetcher(requester, LAN);
        ContentFixture.VerifyingSink firstSink = content.new VerifyingSink();

        FetchResult interrupted = first.fetch(content.manifest, List.of(source(holderId, holder)), new BitSet(),
                firstSink, new FetchProgress() {
                    @Override
                    public void pieceAccepted(int piece, UUID source, int held, int total) {
                        if (held == 3) {
                            first.cancel(); // the agent is stopped here
                        }
                    }
                });
        assertThat(interrupted.complete()).isFalse();
        BitSet kept = (BitSet) firstSink.accepted.clone();
        assertThat(kept.cardinality()).isEqualTo(3);
        long servedBefore = quietTotal(holder); // the first run's last requests are still being answered

        PieceFetcher restarted = fetcher(requester, LAN); // a new process: new socket, sequence from the clock
        ContentFixture.VerifyingSink secondSink = content.new VerifyingSink(kept);
        FetchResult resumed = restarted.fetch(content.manifest, List.of(source(holderId, holder)), kept, secondSink,
                FetchProgress.NONE);

        assertThat(resumed.complete()).isTrue();
        assertThat(resumed.piecesFetched()).isEqualTo(5);
        assertThat(secondSink.order).doesNotContainAnyElementsOf(kept.stream().boxed().toList());
        assertThat(secondSink.received).isEqualTo(content.content);
        long remaining = 5L * 256 * 1024;
        assertThat(holder.totalBytesServed() - servedBefore).isBetween(remaining,
                remaining + resumed.blocksRerequested() * 1400);
    }

    @Test
    void aHolderWhosePolicyRefusesIsDroppedWithTheReason() throws Exception {
        ContentFixture content = new ContentFixture("app-vpn", 2 * 64 * 1024, 64 * 1024, 9);
        DatagramSocket socket = socket();
        UUID holderId = UUID.randomUUID();
        PieceServer vpnHolder = new PieceServer(socket, KeyRing.of(FLEET), holderId, new SequenceCounter(),
                content.source(), (requester, address, contentId) -> new ServeDecision.Refused(
                        "VPN offices do not share content"), ServerSettings.DEFAULTS, Clock.systemUTC()).start();
        open.add(vpnHolder);
        PieceFetcher fetcher = fetcher(UUID.randomUUID(), LAN);

        FetchResult result = fetcher.fetch(content.manifest, List.of(source(holderId, vpnHolder)), new BitSet(),
                content.new VerifyingSink(), FetchProgress.NONE);

        assertThat(result.complete()).isFalse();
        assertThat(result.piecesMissing()).isEqualTo(2);
        assertThat(result.source(holderId).outcome()).isEqualTo(SourceOutcome.REFUSED);
        assertThat(result.source(holderId).detail()).contains("VPN offices do not share content");
    }

    @Test
    void aHolderMissingSomePiecesServesTheRestAndAnotherFillsIn() throws Exception {
        ContentFixture content = new ContentFixture("app-partial", 6 * 64 * 1024, 64 * 1024, 10);
        BitSet last = new BitSet();
        last.set(5);
        // listed as holding every piece (no bitmap) but holds only the last: its first request, for piece 0, is
        // answered NOT_HELD and the fetcher asks it for other pieces, the full holder for piece 0
        PieceServer partial = holder(content.source(false, last), ServerSettings.DEFAULTS);
        PieceServer full = holder(content.source(), ServerSettings.DEFAULTS);
        PieceFetcher fetcher = fetcher(UUID.randomUUID(), LAN);
        ContentFixture.VerifyingSink sink = content.new VerifyingSink();

        FetchResult result = fetcher.fetch(content.manifest,
                List.of(source(holderId(partial), partial), source(holderId(full), full)), new BitSet(), sink,
                FetchProgress.NONE);

        assertThat(result.complete()).isTrue();
        assertThat(sink.received).isEqualTo(content.content);
        assertThat(partial.refusals(PieceRefusalReason.PIECE_REFUSAL_REASON_NOT_HELD)).isPositive();
        assertThat(result.sourcesWith(SourceOutcome.BAD)).isEmpty();
    }

    @Test
    void aPartialHolderIsAskedOnlyForThePiecesItsMapShows() throws Exception {
        ContentFixture content = new ContentFixture("app-map", 64 * 16 * 1024, 16 * 1024, 12);
        BitSet held = new BitSet();
        held.set(5);
        held.set(40);
        PieceServer partial = holder(content.mappedSource(held, new AtomicBoolean(false)), ServerSettings.DEFAULTS);
        PieceFetcher fetcher = fetcher(UUID.randomUUID(), LAN);
        ContentFixture.VerifyingSink sink = content.new VerifyingSink();

        FetchResult result = fetcher.fetch(content.manifest, List.of(source(holderId(partial), partial)), new BitSet(),
                sink, FetchProgress.NONE);

        // listed as holding everything; its one NOT_HELD (for piece 0) maps what it holds, so nothing else is refused
        assertThat(partial.refusals(PieceRefusalReason.PIECE_REFUSAL_REASON_NOT_HELD)).isEqualTo(1);
        assertThat(sink.accepted.stream().boxed().toList()).containsExactly(5, 40);
        assertThat(result.complete()).isFalse();
        assertThat(result.piecesMissing()).isEqualTo(62);
        assertThat(result.source(holderId(partial)).outcome()).isEqualTo(SourceOutcome.NOT_HELD);
    }

    @Test
    void aHolderStillFetchingIsAskedAgainAsItGainsPiecesUntilTheFetchIsComplete() throws Exception {
        ContentFixture content = new ContentFixture("app-growing", 12 * 32 * 1024, 32 * 1024, 13);
        BitSet held = new BitSet();
        held.set(0, 2); // the two pieces a fetch starts with: the refusals counted below are the waiting's
        AtomicBoolean fetching = new AtomicBoolean(true);
        PieceServer growing = holder(content.mappedSource(held, fetching), ServerSettings.DEFAULTS);
        Thread gains = new Thread(() -> {
            try {
                for (int p = 2; p < content.manifest.pieceCount(); p++) {
                    Thread.sleep(150);
                    synchronized (held) {
                        held.set(p);
                    }
                }
                fetching.set(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        gains.start();
        PieceFetcher fetcher = fetcher(UUID.randomUUID(), LAN);
        ContentFixture.VerifyingSink sink = content.new VerifyingSink();

        long[] waitingSince = new long[2]; // when the first piece it gained was accepted, and its refusals then
        FetchResult result = fetcher.fetch(content.manifest, List.of(source(holderId(growing), growing)), new BitSet(),
                sink, new FetchProgress() {
                    @Override
                    public void pieceAccepted(int piece, UUID source, int held, int total) {
                        if (held == 3) {
                            waitingSince[0] = System.nanoTime();
                            waitingSince[1] = growing.refusals(PieceRefusalReason.PIECE_REFUSAL_REASON_NOT_HELD);
                        }
                    }
                });
        long waitedMs = (System.nanoTime() - waitingSince[0]) / 1_000_000;
        gains.join();

        // one fetch, no new plan: the holder's NOT_HELD said "fetching, ask again in 500 ms" until it had everything
        assertThat(result.complete()).as("complete: %s", result).isTrue();
        assertThat(sink.received).isEqualTo(content.content);
        assertThat(result.source(holderId(growing)).outcome()).isEqualTo(SourceOutcome.OK);
        long refusals = growing.refusals(PieceRefusalReason.PIECE_REFUSAL_REASON_NOT_HELD);
        assertThat(refusals).isPositive();
        // once it has the map, one request per 500 ms recheck (each map tells every piece gained since), not one per piece
        assertThat(refusals - waitingSince[1]).isLessThanOrEqualTo(waitedMs / 500 + 1);
    }

    @Test
    void aHolderFetchingButGainingNothingIsGivenUpAfterTheGrowthWait() throws Exception {
        ContentFixture content = new ContentFixture("app-stuck", 4 * 16 * 1024, 16 * 1024, 14);
        PieceServer stuck = holder(content.mappedSource(new BitSet(), new AtomicBoolean(true)), ServerSettings.DEFAULTS);
        PieceFetcher fetcher = fetcher(UUID.randomUUID(), LAN.withGrowthWait(Duration.ofMillis(1_200)));
        ContentFixture.VerifyingSink sink = content.new VerifyingSink();

        FetchResult result = fetcher.fetch(content.manifest, List.of(source(holderId(stuck), stuck)), new BitSet(), sink,
                FetchProgress.NONE);

        assertThat(result.complete()).isFalse();
        assertThat(result.piecesFetched()).isZero();
        assertThat(result.source(holderId(stuck)).outcome()).isEqualTo(SourceOutcome.NOT_HELD);
        assertThat(result.source(holderId(stuck)).detail()).contains("gained none in 1200 ms");
        // asked at the start and again after each 500 ms retry_after within the wait
        assertThat(stuck.refusals(PieceRefusalReason.PIECE_REFUSAL_REASON_NOT_HELD)).isBetween(2L, 4L);
    }

    @Test
    void aPieceWhoseHolderStallsIsTakenOverByAnotherHolderWithTheBlocksAlreadyReceived() throws Exception {
        ContentFixture content = new ContentFixture("app-stall", 6 * 16 * 1024, 16 * 1024, 15);
        PieceServer stalling = holder(content.source(), ServerSettings.DEFAULTS);
        PieceServer steady = holder(content.source(), ServerSettings.DEFAULTS);
        // the stalling holder's first 5 blocks get through, then nothing ever again: its piece must move
        ContentFixture.VerifyingSink sink = content.new VerifyingSink();
        FetchResult result = fetchCutAfterFiveBlocks(content, stalling, steady, sink);

        assertThat(result.complete()).isTrue();
        assertThat(sink.received).isEqualTo(content.content);
        assertThat(result.source(holderId(steady)).pieces()).isEqualTo(content.manifest.pieceCount());
        assertThat(result.source(holderId(stalling)).pieces()).isZero();
        // the 5 blocks that got through were kept: the steady holder sent fewer blocks than the whole content
        long blocksInContent = 6 * (long) Math.ceil(16 * 1024 / (double) BlockSizing.blockSize(LAN_DATAGRAM, "app-stall"));
        assertThat(steady.blocksSent()).isLessThanOrEqualTo(blocksInContent - 5 + result.blocksRerequested());
        assertThat(result.badPieces()).isZero();
    }

    @Test
    void aBadPieceMadeOfTwoHoldersBlocksBlamesNeitherAndIsFinishedByOneAlone() throws Exception {
        // 8 KiB pieces: 7 blocks; the corrupt byte (the middle, 4 096) is in block 3, among the first 5
        ContentFixture content = new ContentFixture("app-mixed", 4 * 8 * 1024, 8 * 1024, 16);
        PieceServer corrupt = holder(content.source(true, null), ServerSettings.DEFAULTS);
        PieceServer good = holder(content.source(), ServerSettings.DEFAULTS);
        ContentFixture.VerifyingSink sink = content.new VerifyingSink();
        FetchResult result = fetchCutAfterFiveBlocks(content, corrupt, good, sink);

        assertThat(result.complete()).isTrue();
        assertThat(sink.received).isEqualTo(content.content);
        // the piece with the corrupting holder's blocks failed once, with two contributors: nobody was blamed, and the
        // good holder finished it alone on the next attempt
        assertThat(result.badPieces()).isEqualTo(1);
        assertThat(sink.rejected).isEqualTo(1);
        assertThat(result.sourcesWith(SourceOutcome.BAD)).isEmpty();
        assertThat(result.source(holderId(good)).outcome()).isEqualTo(SourceOutcome.OK);
    }

    @Test
    void aRequestForBlocksLargerThanTheStatedDatagramIsRefusedInvalid() throws Exception {
        ContentFixture content = new ContentFixture("app-invalid", 64 * 1024, 64 * 1024, 11);
        PieceServer holder = holder(content.source(), ServerSettings.DEFAULTS);
        try (DatagramSocket client = socket()) {
            PieceRequest request = PieceRequest.newBuilder().setTransferId(1).setContentId(content.contentId)
                    .setPieceIndex(0).setRequestId(1).setBlockSize(1400).setMaxDatagramSize(1200).setFirstBlock(0)
                    .setBlockCount(1).build();
            send(client, address(holder), UUID.randomUUID(), request);
            byte[] answer = receive(client);

            assertThat(answer[5] & 0xFF).isEqualTo(MessageType.PIECE_REFUSAL.code());
            dev.cascade.contracts.v1.PieceRefusal refusal = dev.cascade.contracts.v1.PieceRefusal.parseFrom(
                    Arrays.copyOfRange(answer, Header.SIZE, answer.length - Header.TAG_SIZE));
            assertThat(refusal.getReason()).isEqualTo(PieceRefusalReason.PIECE_REFUSAL_REASON_INVALID);
            assertThat(refusal.getDetail()).contains("max_datagram_size is 1200");
            assertThat(holder.blocksSent()).isZero();
        }
    }

    @Test
    void aPathThatSilentlyDropsFullSizeDatagramsIsAskedForTheSafeSizeBeforeTheHolderIsGivenUp() throws Exception {
        ContentFixture content = new ContentFixture("app-tunnel", 2 * 1024 * 1024 + 99, 1024 * 1024, 5);
        PieceServer holder = holder(content.source(), ServerSettings.DEFAULTS);
        UUID holderId = holderId(holder);
        // a 1 280-byte-MTU tunnel between a fetcher and a holder on 1 500-byte LANs, ICMP filtered
        UdpRelay relay = UdpRelay.lossy(address(holder), 0, 0, 11).blackholeAbove(1280 - 28);
        open.add(relay);
        ContentFixture.VerifyingSink sink = content.new VerifyingSink();
        List<String> dropped = new ArrayList<>();

        FetchResult result = fetcher(UUID.randomUUID(), LAN).fetch(content.manifest,
                List.of(FetchSource.holdingAll(holderId, relay.address())), new BitSet(), sink, new FetchProgress() {
                    @Override
                    public void sourceDropped(UUID source, SourceOutcome outcome, String detail) {
                        dropped.add(outcome + ": " + detail);
                    }
                });

        assertThat(relay.tooLargeSizes).as("full-size blocks the path swallowed").isNotEmpty()
                .allMatch(size -> size > 1252 && size <= LAN_DATAGRAM);
        assertThat(result.complete()).isTrue();
        assertThat(sink.received).isEqualTo(content.content);
        assertThat(dropped).isEmpty();
        assertThat(result.badPieces()).as("no piece mixed blocks of the two sizes").isZero();
        SourceReport report = result.source(holderId);
        assertThat(report.outcome()).isEqualTo(SourceOutcome.OK);
        assertThat(report.bytes()).isEqualTo(content.content.length);
        assertThat(report.detail()).isEqualTo("no block came in 1472-byte datagrams, so 1200-byte ones were asked for: the"
                + " path to it carries less than this network's MTU");
    }

    @Test
    void aHolderThatAnswersNothingIsUnreachableAfterTheSafeSizeBroughtNothingEither() throws Exception {
        ContentFixture content = new ContentFixture("app-silent", 512 * 1024, 256 * 1024, 6);
        PieceServer holder = holder(content.source(), ServerSettings.DEFAULTS);
        UdpRelay relay = UdpRelay.lossy(address(holder), 0, 0, 12).blackholeAbove(0);
        open.add(relay);
        FetchSettings quick = new FetchSettings(LAN_DATAGRAM, 16, 2, Duration.ofMillis(20), Duration.ofMillis(10),
                Duration.ofMillis(40), 3, 10, Duration.ofMillis(750), Duration.ofSeconds(5), CongestionSettings.FOREGROUND);

        FetchResult result = fetcher(UUID.randomUUID(), quick).fetch(content.manifest,
                List.of(FetchSource.holdingAll(holderId(holder), relay.address())), new BitSet(),
                content.new VerifyingSink(), FetchProgress.NONE);

        assertThat(result.complete()).isFalse();
        SourceReport report = result.source(holderId(holder));
        assertThat(report.outcome()).isEqualTo(SourceOutcome.UNREACHABLE);
        assertThat(report.detail()).isEqualTo("no block in 3 consecutive retransmission timeouts (no block came in"
                + " 1472-byte datagrams, so 1200-byte ones were asked for: the path to it carries less than this network's MTU)");
        // both sizes were asked for: blocks cut for 1 472-byte datagrams first, then for 1 200-byte ones
        assertThat(relay.tooLargeSizes).anyMatch(size -> size > 1200 && size <= LAN_DATAGRAM)
                .anyMatch(size -> size <= 1200);
    }

    // --- plumbing --------------------------------------------------------------------------------------------

    /** Fetches from {@code cut}, of whose answers only the first 5 datagrams get through, and from {@code other}. */
    private FetchResult fetchCutAfterFiveBlocks(ContentFixture content, PieceServer cut, PieceServer other,
                                                ContentFixture.VerifyingSink sink) throws IOException {
        UdpRelay relay = UdpRelay.lossy(address(cut), 0, 0, 8).cutAfter(5);
        open.add(relay);
        return fetcher(UUID.randomUUID(), LAN).fetch(content.manifest, List.of(
                FetchSource.holdingAll(holderId(cut), relay.address()), source(holderId(other), other)),
                new BitSet(), sink, FetchProgress.NONE);
    }

    private PieceServer holder(PieceSource source, ServerSettings settings) throws IOException {
        DatagramSocket socket = socket();
        PieceServer server = new PieceServer(socket, KeyRing.of(FLEET), UUID.randomUUID(), new SequenceCounter(), source,
                ServePolicy.SERVE_ALL, settings, Clock.systemUTC()).start();
        open.add(server);
        return server;
    }

    private static UUID holderId(PieceServer server) {
        return server.holderId();
    }

    private PieceFetcher fetcher(UUID requester, FetchSettings settings) throws IOException {
        return new PieceFetcher(socket(), KeyRing.of(FLEET), requester, new SequenceCounter(), settings,
                Clock.systemUTC());
    }

    private DatagramSocket socket() throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setReceiveBufferSize(4 << 20);
        socket.setSendBufferSize(4 << 20);
        open.add(socket);
        return socket;
    }

    /** The holder's bytes served once it has sent nothing for 200 ms. */
    private static long quietTotal(PieceServer holder) throws InterruptedException {
        long last = -1;
        long now = holder.totalBytesServed();
        while (now != last) {
            Thread.sleep(200);
            last = now;
            now = holder.totalBytesServed();
        }
        return now;
    }

    private static FetchSource source(UUID id, PieceServer server) {
        return FetchSource.holdingAll(id, address(server));
    }

    private static InetSocketAddress address(PieceServer server) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
    }

    /** Another requester takes the holder's only slot (and never gives it back within the test). */
    private void occupySlot(PieceServer holder, ContentFixture content) throws IOException {
        try (DatagramSocket squatter = socket()) {
            PieceRequest request = PieceRequest.newBuilder().setTransferId(99).setContentId(content.contentId)
                    .setPieceIndex(0).setRequestId(1).setBlockSize(1024).setMaxDatagramSize(1200).setFirstBlock(0)
                    .setBlockCount(1).build();
            send(squatter, address(holder), UUID.randomUUID(), request);
            assertThat(receive(squatter)[5] & 0xFF).isEqualTo(MessageType.BLOCK.code());
        }
    }

    private static void send(DatagramSocket socket, InetSocketAddress to, UUID sender, PieceRequest request)
            throws IOException {
        byte[] datagram = DatagramCodec.encode(MessageType.PIECE_REQUEST, sender, FLEET, new SequenceCounter().next(),
                System.currentTimeMillis(), request.toByteArray());
        socket.send(new DatagramPacket(datagram, datagram.length, to));
    }

    private static byte[] receive(DatagramSocket socket) throws IOException {
        socket.setSoTimeout(5_000);
        byte[] buffer = new byte[65_535];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        return Arrays.copyOf(buffer, packet.getLength());
    }

    private static UUID holderIdOf(byte[] datagram) {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(datagram, 8, 16);
        return new UUID(buf.getLong(), buf.getLong());
    }

    private static long sequenceOf(byte[] datagram) {
        return java.nio.ByteBuffer.wrap(datagram, 28, 8).getLong();
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) seed);
        return b;
    }
}
