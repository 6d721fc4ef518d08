package dev.cascade.agent.content;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP origin on a free loopback port serving one content, which can honour or ignore ranges,
 * fail with a status for a while, break off a body, or corrupt a piece. Records every Range header.
 */
final class TestOrigin implements AutoCloseable {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final TestContent content;
    private final List<String> ranges = new ArrayList<>();

    volatile boolean honourRanges = true;
    /** Answer this status instead of the content while {@link #failures} is positive (each answer takes one). */
    volatile int failStatus = 503;
    final AtomicInteger failures = new AtomicInteger();
    /** Answer {@link #failStatus} from this request on (1-based); 0 = never. */
    volatile int failFromRequest;
    /** Corrupt this piece in the next {@link #corruptions} answers that carry it. */
    volatile int corruptPiece = -1;
    final AtomicInteger corruptions = new AtomicInteger();
    /** Break off the next {@link #cuts} bodies after this many bytes. */
    volatile int cutAfterBytes;
    final AtomicInteger cuts = new AtomicInteger();

    TestOrigin(TestContent content) throws IOException {
        this.content = content;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(executor);
        server.createContext("/content/app", this::serve);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/content/app");
    }

    /** The Range headers received, in order ("" for none). */
    synchronized List<String> ranges() {
        return List.copyOf(ranges);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String range = exchange.getRequestHeaders().getFirst("Range");
            int number;
            synchronized (this) {
                ranges.add(range == null ? "" : range);
                number = ranges.size();
            }
            if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0
                    || (failFromRequest > 0 && number >= failFromRequest)) {
                exchange.sendResponseHeaders(failStatus, -1);
                return;
            }
            byte[] all = content.bytes();
            int from = 0;
            int to = all.length - 1;
            Matcher m = range == null ? null : RANGE.matcher(range);
            boolean partial = honourRanges && m != null && m.matches();
            if (partial) {
                from = Integer.parseInt(m.group(1));
                to = Math.min(all.length - 1, Integer.parseInt(m.group(2)));
                exchange.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + all.length);
            }
            byte[] body = Arrays.copyOfRange(all, from, to + 1);
            corrupt(body, from);
            exchange.sendResponseHeaders(partial ? 206 : 200, body.length);
            OutputStream out = exchange.getResponseBody();
            if (cuts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                out.write(body, 0, Math.min(cutAfterBytes, body.length));
                out.flush();
                throw new IOException("cut off on purpose");
            }
            out.write(body);
        }
    }

    private void corrupt(byte[] body, int from) {
        int piece = corruptPiece;
        if (piece < 0) {
            return;
        }
        long offset = content.manifest().pieceOffset(piece) - from;
        if (offset >= 0 && offset < body.length && corruptions.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            body[(int) offset] ^= 0x5a;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
