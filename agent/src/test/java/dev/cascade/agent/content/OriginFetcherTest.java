package dev.cascade.agent.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cascade.agent.StorageFacts;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OriginFetcherTest {

    private static final int PIECE = 1_024;
    private static final int PIECES = 100;

    @TempDir
    Path dir;

    private final TestContent content = TestContent.random("app", PIECES * PIECE - 300, PIECE, 11);
    private TestOrigin origin;
    private ContentCache cache;

    @BeforeEach
    void start() throws Exception {
        origin = new TestOrigin(content);
    }

    @AfterEach
    void stop() {
        origin.close();
        if (cache != null) {
            cache.close();
        }
    }

    private PieceStore store() {
        cache = ContentCache.open(dir.resolve("cache"), new StorageFacts(dir.resolve("cache"), OptionalLong.empty(),
                d -> 1L << 40), System::currentTimeMillis);
        return cache.start(content.manifest());
    }

    /** 8 pieces per range, 4 ranges at once, 4 attempts, short backoff. */
    private static OriginFetcher fetcher(int concurrency) {
        return new OriginFetcher(OriginFetcher.defaultClient(), new OriginFetcher.Settings(concurrency, 8L * PIECE, 4,
                Duration.ofMillis(10), Duration.ofMillis(40), Duration.ofSeconds(10)));
    }

    private void assertComplete(PieceStore store) throws Exception {
        assertThat(store.complete()).isTrue();
        assertThat(store.verifyWhole().matches()).isTrue();
        assertThat(Files.readAllBytes(store.dataFile())).isEqualTo(content.bytes());
    }

    @Test
    void fetchesRangesInParallel() throws Exception {
        PieceStore store = store();

        OriginFetcher.Result result = fetcher(4).fetchMissing(store, origin.url());

        assertComplete(store);
        assertThat(result).isEqualTo(new OriginFetcher.Result(content.bytes().length, content.bytes().length, PIECES, 0,
                13, 0));
        assertThat(origin.ranges()).hasSize(13).allMatch(range -> range.startsWith("bytes="))
                .contains("bytes=0-8191", "bytes=98304-102099");
    }

    @Test
    void slicesTheWholeBodyOfAServerThatIgnoresRanges() throws Exception {
        origin.honourRanges = false;
        PieceStore store = store();
        store.write(0, content.piece(0));
        store.write(50, content.piece(50));

        OriginFetcher.Result result = fetcher(4).fetchMissing(store, origin.url());

        assertComplete(store);
        assertThat(origin.ranges()).as("one request: the 200 answer brought everything").hasSize(1);
        assertThat(result.requests()).isEqualTo(1);
        assertThat(result.piecesStored()).isEqualTo(PIECES - 2);
        assertThat(result.bytesReceived()).isEqualTo(content.bytes().length);
        assertThat(result.bytesStored()).isEqualTo(content.bytes().length - 2L * PIECE);
    }

    @Test
    void retriesTransientFailures() throws Exception {
        origin.failures.set(2);
        PieceStore store = store();

        OriginFetcher.Result result = fetcher(4).fetchMissing(store, origin.url());

        assertComplete(store);
        assertThat(result.retries()).isEqualTo(2);
        assertThat(result.requests()).isEqualTo(13 + 2);
    }

    @Test
    void givesUpOnAServerThatKeepsFailingNamingStatusAndUrl() throws Exception {
        origin.failures.set(1_000);
        PieceStore store = store();

        assertThatThrownBy(() -> fetcher(4).fetchMissing(store, origin.url()))
                .isInstanceOfSatisfying(OriginException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.url()).isEqualTo(origin.url());
                    assertThat(e.range()).isEqualTo("bytes=0-8191");
                })
                .hasMessageContaining("gave up on " + origin.url() + " after 4 attempts without progress")
                .hasMessageContaining("answered 503");
        assertThat(origin.ranges()).hasSize(4);
    }

    @Test
    void failsAtOnceOnNotFoundAndRangeNotSatisfiable() throws Exception {
        PieceStore store = store();
        origin.failures.set(1_000);
        origin.failStatus = 404;

        assertThatThrownBy(() -> fetcher(4).fetchMissing(store, origin.url()))
                .isInstanceOfSatisfying(OriginException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.transientFailure()).isFalse();
                })
                .hasMessage("origin " + origin.url() + " (content 'app', Range bytes=0-8191) answered 404 (not found)");
        assertThat(origin.ranges()).as("no retry").hasSize(1);

        origin.failStatus = 416;
        assertThatThrownBy(() -> fetcher(4).fetchMissing(store, origin.url()))
                .isInstanceOfSatisfying(OriginException.class, e -> assertThat(e.status()).isEqualTo(416))
                .hasMessageContaining("answered 416 (range not satisfiable: the file there is shorter than the content's "
                        + content.bytes().length + " bytes)");
        assertThat(origin.ranges()).hasSize(2);
    }

    @Test
    void fetchesACorruptPieceAgainAndCountsIt() throws Exception {
        origin.corruptPiece = 42;
        origin.corruptions.set(1);
        PieceStore store = store();

        OriginFetcher.Result result = fetcher(4).fetchMissing(store, origin.url());

        assertComplete(store);
        assertThat(result.badPieces()).isEqualTo(1);
        assertThat(result.retries()).isEqualTo(1);
        assertThat(origin.ranges()).hasSize(14).containsOnlyOnce("bytes=43008-44031");
        assertThat(result.bytesReceived()).isEqualTo(content.bytes().length + PIECE);
    }

    @Test
    void givesUpOnAnOriginThatAlwaysServesAPieceCorrupt() throws Exception {
        origin.corruptPiece = 42;
        origin.corruptions.set(1_000);
        PieceStore store = store();

        assertThatThrownBy(() -> fetcher(4).fetchMissing(store, origin.url()))
                .isInstanceOf(OriginException.class)
                .hasMessageContaining("served a corrupt piece: piece 42 of content 'app' as received has SHA-256")
                .hasRootCauseInstanceOf(BadPieceException.class);
        assertThat(store.isHeld(42)).isFalse();
        assertThat(store.missing().cardinality()).isEqualTo(1);
    }

    @Test
    void resumesABrokenBody() throws Exception {
        origin.honourRanges = false;
        origin.cutAfterBytes = 30 * PIECE + 100;
        origin.cuts.set(1);
        PieceStore store = store();

        OriginFetcher.Result result = fetcher(4).fetchMissing(store, origin.url());

        assertComplete(store);
        assertThat(origin.ranges()).hasSize(2);
        assertThat(origin.ranges().get(1)).as("asks only from the first missing piece").startsWith("bytes=" + 30 * PIECE + "-");
        assertThat(result.retries()).isEqualTo(1);
    }

    @Test
    void resumesAfterARestartWithoutFetchingVerifiedPiecesAgain() throws Exception {
        origin.failFromRequest = 4; // three runs arrive, then the origin is gone
        origin.failStatus = 404;
        PieceStore store = store();
        assertThatThrownBy(() -> fetcher(1).fetchMissing(store, origin.url())).isInstanceOf(OriginException.class);
        BitSet heldBefore = BitSet.valueOf(store.held().toWire());
        assertThat(heldBefore.cardinality()).isEqualTo(24);
        cache.close();
        origin.failFromRequest = 0;
        int requestsBefore = origin.ranges().size();

        PieceStore restarted = store();
        OriginFetcher.Result result = fetcher(4).fetchMissing(restarted, origin.url());

        assertComplete(restarted);
        assertThat(result.piecesStored()).isEqualTo(PIECES - 24);
        assertThat(result.bytesReceived()).isEqualTo(content.bytes().length - 24L * PIECE);
        List<String> resumed = origin.ranges().subList(requestsBefore, origin.ranges().size());
        Pattern range = Pattern.compile("bytes=(\\d+)-(\\d+)");
        for (String header : resumed) {
            Matcher m = range.matcher(header);
            assertThat(m.matches()).isTrue();
            int first = (int) (Long.parseLong(m.group(1)) / PIECE);
            int last = (int) (Long.parseLong(m.group(2)) / PIECE);
            assertThat(heldBefore.get(first, last + 1).isEmpty()).as("%s asks for no verified piece", header).isTrue();
        }
    }

    @Test
    void refusesAUrlThatIsNotHttp() {
        PieceStore store = store();

        assertThatThrownBy(() -> fetcher(1).fetchMissing(store, URI.create("file:///etc/passwd")))
                .hasMessage("origin_url 'file:///etc/passwd' of content 'app' is not an http:// or https:// URL");
    }
}
