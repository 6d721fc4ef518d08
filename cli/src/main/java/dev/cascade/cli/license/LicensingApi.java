package dev.cascade.cli.license;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** licensing-service's REST API as the CLI uses it. Every failure is a {@link LicensingApiException} with a sentence. */
final class LicensingApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    LicensingApi(String baseUrl) {
        String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            this.base = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new LicensingApiException("--url '" + baseUrl + "' is not a URL: " + e.getMessage());
        }
        if (base.getScheme() == null || base.getHost() == null) {
            throw new LicensingApiException("--url '" + baseUrl + "' is not an http(s) URL, e.g. http://localhost:8084");
        }
    }

    /** An answer: the status and the body. */
    record Answer(int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new LicensingApiException("licensing-service answered " + status + " with a body that is not JSON: " + body);
            }
        }

        /** The message of an {@code ApiError} body, with its reason when it has one. */
        String error() {
            try {
                JsonNode node = JSON.readTree(body);
                String message = node.path("message").asText(body);
                String reason = node.path("reason").asText("");
                return reason.isEmpty() || reason.equals("null") ? message : reason + ": " + message;
            } catch (IOException e) {
                return body;
            }
        }
    }

    Answer get(String path, String accept) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept).GET());
    }

    Answer post(String path, String body) {
        return send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body());
        } catch (ConnectException e) {
            throw new LicensingApiException("cannot reach licensing-service at " + base + " (is it running? --url sets the address)");
        } catch (IOException e) {
            throw new LicensingApiException("licensing-service at " + base + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LicensingApiException("interrupted");
        }
    }

    /** Something went wrong talking to licensing-service; the message says what. */
    static final class LicensingApiException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LicensingApiException(String message) {
            super(message);
        }
    }
}
