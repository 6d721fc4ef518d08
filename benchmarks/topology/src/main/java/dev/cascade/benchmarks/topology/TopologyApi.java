package dev.cascade.benchmarks.topology;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.cascade.topology.model.SheetFormat;

/**
 * topology-service's REST API as the import benchmark uses it: upload a sheet (dry run or apply),
 * download the export, list the offices and resolve an address. Each call is timed from sending the
 * request to having read the whole response, as an admin's browser or curl would see it.
 */
final class TopologyApi {

    private static final Pattern OFFICE_ID = Pattern.compile("\"officeId\"\\s*:\\s*\"([^\"]+)\"");

    /** One request and its answer. */
    record Exchange(String step, int status, long nanos, long requestBytes, byte[] body) {

        double millis() {
            return nanos / 1e6;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The start of the body, for messages: an import's diff lists every office and can be megabytes. */
        String head() {
            String text = text();
            return text.length() <= 400 ? text : text.substring(0, 400) + " ... (" + body.length + " bytes)";
        }

        /** A JSON number field of the body (the first one of that name), when there is one. */
        Optional<Long> number(String field) {
            Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(\\d+)").matcher(text());
            return matcher.find() ? Optional.of(Long.parseLong(matcher.group(1))) : Optional.empty();
        }

        /** A JSON string field of the body, escapes left as they are; empty when absent or null. */
        Optional<String> string(String field) {
            Matcher matcher = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                    .matcher(text());
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        }
    }

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    TopologyApi(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    /** {@code POST /topology/import?dryRun=...} with the sheet as the body, in its format's media type. */
    Exchange importSheet(String step, byte[] sheet, SheetFormat format, boolean dryRun) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/topology/import?dryRun=" + dryRun))
                .timeout(timeout).header("Content-Type", format.mediaType()).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(sheet)).build();
        return send(step, request, sheet.length);
    }

    /** {@code GET /topology/export?format=csv|xlsx}. */
    Exchange export(String step, SheetFormat format) {
        return send(step, HttpRequest.newBuilder(URI.create(baseUrl + "/topology/export?format=" + format.extension()))
                .timeout(timeout).GET().build(), 0);
    }

    /** How many offices {@code GET /offices} lists. */
    int officeCount() {
        Exchange offices = send("list offices", HttpRequest.newBuilder(URI.create(baseUrl + "/offices"))
                .timeout(timeout).header("Accept", "application/json").GET().build(), 0);
        requireOk(offices);
        Matcher matcher = OFFICE_ID.matcher(offices.text());
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** The office id {@code GET /offices/resolve?ip=} answers for {@code ip}. */
    String resolve(String ip) {
        Exchange answer = send("resolve " + ip, HttpRequest.newBuilder(URI.create(baseUrl + "/offices/resolve?ip="
                + URLEncoder.encode(ip, StandardCharsets.UTF_8))).timeout(timeout).header("Accept", "application/json")
                .GET().build(), 0);
        requireOk(answer);
        Matcher matcher = OFFICE_ID.matcher(answer.text());
        if (!matcher.find()) {
            throw new IllegalStateException("GET /offices/resolve?ip=" + ip + " names no officeId: " + answer.head());
        }
        return matcher.group(1);
    }

    /** @throws IllegalStateException naming the step, status and the start of the body unless the status is 200 */
    static Exchange requireOk(Exchange exchange) {
        if (exchange.status() != 200) {
            throw new IllegalStateException(exchange.step() + " answered HTTP " + exchange.status() + " (expected 200): "
                    + exchange.head());
        }
        return exchange;
    }

    private Exchange send(String step, HttpRequest request, long requestBytes) {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Exchange(step, response.statusCode(), System.nanoTime() - start, requestBytes, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(step + ": " + request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(step + " was interrupted", e);
        }
    }
}
