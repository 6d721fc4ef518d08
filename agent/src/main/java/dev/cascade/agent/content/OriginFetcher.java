package dev.cascade.agent.content;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches the missing pieces of a content from its origin URL (CDN or file store, HTTP or HTTPS) into
 * a {@link PieceStore}, which verifies each piece before writing it. Missing pieces are asked for in
 * runs of consecutive pieces ({@code Range: bytes=a-b}, answered 206), several runs at once. A server
 * that ignores ranges answers 200 with the whole content: the first answer shows it, and then one
 * stream is read and sliced into pieces as they arrive. Bodies are streamed a piece at a time, so
 * memory stays at one piece per parallel request whatever the content's size.
 *
 * <p>5xx, 408, 429, broken connections, short bodies and corrupt pieces are retried with exponential
 * backoff (an attempt that stored a piece resets the count); 404, 416 and other answers fail at once
 * with an {@link OriginException} naming status and URL.
 */
public final class OriginFetcher {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");
    private static final int SKIP_BUFFER = 64 * 1024;

    private final HttpClient http;
    private final Settings settings;

    /**
     * @param http the client (its SSL context decides which HTTPS origins are trusted)
     */
    public OriginFetcher(HttpClient http, Settings settings) {
        this.http = http;
        this.settings = settings;
    }

    /** A client that follows redirects (never from HTTPS to HTTP) and gives up connecting after 10 s. */
    public static HttpClient defaultClient() {
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Fetches every piece {@code store} does not hold from {@code origin}.
     *
     * @return what was fetched (the bytes are TRANSFER_REPORT's SOURCE_CLASS_ORIGIN)
     * @throws OriginException when the origin cannot deliver the content; pieces stored until then stay stored
     */
    public Result fetchMissing(PieceStore store, URI origin) throws InterruptedException {
        String scheme = origin.getScheme() == null ? "" : origin.getScheme().toLowerCase();
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("origin_url '" + origin + "' of content '" + store.contentId()
                    + "' is not an http:// or https:// URL");
        }
        Fetch fetch = new Fetch(store, origin);
        List<PieceRun> runs = PieceRun.of(store.missing(), store.manifest(), settings.rangeBytes());
        if (runs.isEmpty()) {
            return fetch.result();
        }
        // The first run alone shows whether the server honours ranges; a 200 there fetches everything.
        fetch.fetchRun(runs.get(0));
        if (fetch.rangesIgnored.get()) {
            fetch.fetchRun(new PieceRun(0, store.manifest().pieceCount() - 1));
        } else {
            fetch.inParallel(PieceRun.of(store.missing(), store.manifest(), settings.rangeBytes()));
        }
        return fetch.result();
    }

    /** The fetch of one content: its counters and the retry loop. */
    private final class Fetch {
        private final PieceStore store;
        private final ContentManifest manifest;
        private final URI origin;
        private final AtomicBoolean rangesIgnored = new AtomicBoolean();
        // Runs stop at the next piece when set. Never interrupt them: an interrupt during FileChannel I/O
        // closes the store's file for every thread (java.nio.channels.InterruptibleChannel).
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AtomicLong bytesReceived = new AtomicLong();
        private final AtomicLong bytesStored = new AtomicLong();
        private final AtomicInteger piecesStored = new AtomicInteger();
        private final AtomicInteger badPieces = new AtomicInteger();
        private final AtomicInteger requests = new AtomicInteger();
        private final AtomicInteger retries = new AtomicInteger();

        Fetch(PieceStore store, URI origin) {
            this.store = store;
            this.manifest = store.manifest();
            this.origin = origin;
        }

        Result result() {
            return new Result(bytesReceived.get(), bytesStored.get(), piecesStored.get(), badPieces.get(),
                    requests.get(), retries.get());
        }

        void inParallel(List<PieceRun> runs) throws InterruptedException {
            if (runs.isEmpty()) {
                return;
            }
            ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.concurrency(), runs.size()), task -> {
                Thread thread = new Thread(task, "origin-" + manifest.contentId());
                thread.setDaemon(true);
                return thread;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (PieceRun run : runs) {
                    futures.add(pool.submit(() -> {
                        fetchRun(run);
                        return null;
                    }));
                }
                for (Future<?> future : futures) {
                    try {
                        future.get();
                    } catch (ExecutionException e) {
                        cancelled.set(true); // one run failed for good: the content cannot complete from here
                        if (e.getCause() instanceof RuntimeException failure) {
                            throw failure;
                        }
                        if (e.getCause() instanceof InterruptedException) {
                            throw new InterruptedException("interrupted while fetching from " + origin);
                        }
                        throw new IllegalStateException(e.getCause());
                    }
                }
            } catch (InterruptedException e) {
                cancelled.set(true);
                throw e;
            } finally {
                cancelled.set(true);
                pool.shutdown(); // no interrupts (see cancelled): each run ends at its next piece
            }
        }

        /** Fetches the missing pieces of {@code run}, retrying transient failures. */
        void fetchRun(PieceRun run) throws InterruptedException {
            int failures = 0;
            for (PieceRun missing = run.stillMissing(store); missing != null && !cancelled.get();
                 missing = run.stillMissing(store)) {
                int storedBefore = piecesStored.get();
                try {
                    attempt(missing);
                } catch (OriginException e) {
                    if (!e.transientFailure()) {
                        throw e;
                    }
                    failures = piecesStored.get() > storedBefore ? 1 : failures + 1;
                    if (failures >= settings.maxAttempts()) {
                        throw new OriginException(e.url(), e.status(), e.range(), true, "gave up on " + origin
                                + " after " + failures + " attempts without progress: " + e.getMessage(), e);
                    }
                    retries.incrementAndGet();
                    Thread.sleep(backoff(failures).toMillis());
                }
            }
        }

        private void attempt(PieceRun run) throws InterruptedException {
            String range = run.rangeHeader(manifest);
            HttpRequest request = HttpRequest.newBuilder(origin).GET().header("Range", range)
                    .timeout(settings.requestTimeout()).build();
            requests.incrementAndGet();
            HttpResponse<InputStream> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw failure(0, range, true, "cannot reach it: " + e, e);
            }
            try (InputStream body = response.body()) {
                int status = response.statusCode();
                if (status == 206) {
                    long lastByte = checkContentRange(response, run, range);
                    int last = run.last();
                    while (manifest.pieceOffset(last) + manifest.pieceLength(last) - 1 > lastByte) {
                        last--; // the server may answer less than asked: take the whole pieces it sent
                    }
                    consume(body, manifest.pieceOffset(run.first()), run.first(), last, range, status);
                    if (last < run.last()) {
                        throw failure(status, range, true, "answered only up to byte " + lastByte, null);
                    }
                } else if (status == 200) {
                    OptionalLong length = response.headers().firstValueAsLong("Content-Length");
                    if (length.isPresent() && length.getAsLong() != manifest.sizeBytes()) {
                        throw failure(status, range, false, "serves " + length.getAsLong() + " bytes; the content has "
                                + manifest.sizeBytes(), null);
                    }
                    rangesIgnored.set(true);
                    consume(body, 0, run.first(), manifest.pieceCount() - 1, range, status);
                } else {
                    boolean retry = status >= 500 || status == 408 || status == 429;
                    throw failure(status, range, retry, "answered " + status + (status == 404 ? " (not found)"
                            : status == 416 ? " (range not satisfiable: the file there is shorter than the content's "
                            + manifest.sizeBytes() + " bytes)" : ""), null);
                }
            } catch (IOException e) {
                throw failure(0, range, true, "broke off the answer: " + e, e);
            }
        }

        private long checkContentRange(HttpResponse<?> response, PieceRun run, String range) {
            String header = response.headers().firstValue("Content-Range").orElse("");
            Matcher m = CONTENT_RANGE.matcher(header.trim());
            if (!m.matches() || Long.parseLong(m.group(1)) != manifest.pieceOffset(run.first())
                    || (!m.group(3).equals("*") && Long.parseLong(m.group(3)) != manifest.sizeBytes())) {
                throw failure(206, range, false, "answered with Content-Range '" + header + "'; expected bytes "
                        + manifest.pieceOffset(run.first()) + "-…/" + manifest.sizeBytes(), null);
            }
            return Long.parseLong(m.group(2));
        }

        /**
         * Reads pieces {@code first..last} from {@code body}, which starts at byte {@code bodyStart} of the
         * content, storing those not held yet. A bad piece is counted and the rest still read; the attempt
         * then fails so that the retry asks for it again.
         */
        private void consume(InputStream body, long bodyStart, int first, int last, String range, int status)
                throws IOException {
            skip(body, manifest.pieceOffset(first) - bodyStart);
            BadPieceException bad = null;
            for (int index = first; index <= last && !cancelled.get(); index++) {
                int length = manifest.pieceLength(index);
                byte[] piece = body.readNBytes(length);
                bytesReceived.addAndGet(piece.length);
                if (piece.length < length) {
                    throw new IOException("the body ended in piece " + index + " (" + piece.length + " of its " + length
                            + " bytes)");
                }
                try {
                    if (store.write(index, piece)) {
                        piecesStored.incrementAndGet();
                        bytesStored.addAndGet(length);
                    }
                } catch (BadPieceException e) {
                    badPieces.incrementAndGet();
                    bad = e;
                }
            }
            if (bad != null) {
                throw failure(status, range, true, "served a corrupt piece: " + bad.getMessage(), bad);
            }
        }

        private void skip(InputStream body, long bytes) throws IOException {
            byte[] scratch = new byte[(int) Math.min(SKIP_BUFFER, Math.max(1, bytes))];
            long left = bytes;
            while (left > 0) {
                int read = body.read(scratch, 0, (int) Math.min(scratch.length, left));
                if (read < 0) {
                    throw new IOException("the body ended " + left + " bytes before the first piece wanted");
                }
                bytesReceived.addAndGet(read);
                left -= read;
            }
        }

        private OriginException failure(int status, String range, boolean transientFailure, String what, Throwable cause) {
            return new OriginException(origin, status, range, transientFailure, "origin " + origin + " (content '"
                    + manifest.contentId() + "', Range " + range + ") " + what, cause);
        }
    }

    private Duration backoff(int failures) {
        long millis = settings.firstBackoff().toMillis() << Math.min(failures - 1, 20);
        return Duration.ofMillis(Math.min(millis, settings.maxBackoff().toMillis()));
    }

    /**
     * How the fetcher behaves.
     *
     * @param concurrency    range requests in flight at once for one content (1–64)
     * @param rangeBytes     the most bytes one range request asks for (at least one piece is always asked for)
     * @param maxAttempts    attempts without progress before a run is given up (≥ 1)
     * @param firstBackoff   the wait after the first failure; doubled after each further one
     * @param maxBackoff     the longest wait
     * @param requestTimeout how long to wait for an answer's headers
     */
    public record Settings(int concurrency, long rangeBytes, int maxAttempts, Duration firstBackoff, Duration maxBackoff,
                           Duration requestTimeout) {

        public Settings {
            if (concurrency < 1 || concurrency > 64) {
                throw new IllegalArgumentException("origin concurrency " + concurrency + " is outside 1..64");
            }
            if (rangeBytes < 1) {
                throw new IllegalArgumentException("origin range size " + rangeBytes + " must be at least 1 byte");
            }
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("origin attempts " + maxAttempts + " must be at least 1");
            }
            if (firstBackoff.isNegative() || maxBackoff.compareTo(firstBackoff) < 0 || requestTimeout.isNegative()
                    || requestTimeout.isZero()) {
                throw new IllegalArgumentException("origin backoff " + firstBackoff + ".." + maxBackoff
                        + " and request timeout " + requestTimeout + " must be positive, the first backoff the shorter");
            }
        }

        /** 4 ranges of up to 8 MiB at once, 6 attempts, backoff 0.5 s doubling up to 30 s, 30 s for headers. */
        public static Settings defaults() {
            return new Settings(4, 8L << 20, 6, Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofSeconds(30));
        }
    }

    /**
     * What one {@link #fetchMissing} call fetched.
     *
     * @param bytesReceived every body byte read from the origin (skipped, corrupt and duplicate ones too): the WAN cost
     * @param bytesStored   the bytes of the pieces verified and stored
     * @param badPieces     pieces that arrived corrupt
     * @param requests      HTTP requests sent
     * @param retries       attempts repeated after a transient failure
     */
    public record Result(long bytesReceived, long bytesStored, int piecesStored, int badPieces, int requests,
                         int retries) {
    }
}
