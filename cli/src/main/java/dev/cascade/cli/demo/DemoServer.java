package dev.cascade.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The REST calls the demo makes as an admin would (docs/operations.md): import the topology, list the peers, deploy,
 * and read a deployment's progress and a content's transfer statistics from metadata-service.
 */
final class DemoServer {

    /** A registered peer as metadata-service lists it. */
    record Peer(String deviceId, String hostname, String ipAddress, String officeId) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final java.util.regex.Pattern KEYS_LOADED = java.util.regex.Pattern.compile(
            "(?m)^cascade_gateway_key_reloads_total\\{[^}]*outcome=\"loaded\"[^}]*\\} ([0-9.eE+-]+)$");
    private final String metadata;
    private final String topology;
    private final String gateway;

    DemoServer(String metadataUrl, String topologyUrl, String gatewayUrl) {
        this.metadata = metadataUrl;
        this.topology = topologyUrl;
        this.gateway = gatewayUrl;
    }

    /** Key rotations the gateway picked up since it started (its {@code cascade_gateway_key_reloads_total{outcome="loaded"}}). */
    long gatewayKeyReloads() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(gateway + "/q/metrics"))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
            java.util.regex.Matcher m = KEYS_LOADED.matcher(response.body());
            return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
        } catch (IOException e) {
            throw new DemoException("reading the gateway's metrics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException("reading the gateway's metrics: interrupted", e);
        }
    }

    /** Applies the sheet (not a dry run); a refused sheet is an error naming the service's answer. */
    void importTopology(String csv) {
        send(HttpRequest.newBuilder(URI.create(topology + "/topology/import?dryRun=false")).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)), 200, "importing the topology");
    }

    List<Peer> peers() {
        JsonNode page = send(HttpRequest.newBuilder(URI.create(metadata + "/peers?limit=500")).GET(), 200, "listing the peers");
        List<Peer> peers = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            peers.add(new Peer(item.path("deviceId").asText(), item.path("hostname").asText(), item.path("ipAddress").asText(),
                    item.path("office").path("officeId").asText(null)));
        }
        return peers;
    }

    /** Deploys {@code contentId} to every device, peer to peer; returns the deployment id. */
    String deployToAll(String contentId) {
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("contentId", contentId, "target", Map.of("all", true),
                    "policy", Map.of("mode", "PEER_TO_PEER")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return send(HttpRequest.newBuilder(URI.create(metadata + "/deployments")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 201, "creating the deployment").path("deploymentId").asText();
    }

    JsonNode progress(String deploymentId) {
        return send(HttpRequest.newBuilder(URI.create(metadata + "/deployments/" + deploymentId + "/progress")).GET(), 200,
                "reading the deployment's progress");
    }

    JsonNode statistics(String contentId) {
        return send(HttpRequest.newBuilder(URI.create(metadata + "/contents/" + contentId + "/statistics")).GET(), 200,
                "reading the content's transfer statistics");
    }

    private JsonNode send(HttpRequest.Builder request, int expected, String what) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new DemoException(what + ": " + response.request().method() + " " + response.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new DemoException(what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoException(what + ": interrupted", e);
        }
    }
}
