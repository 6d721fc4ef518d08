package dev.cascade.cli.local;

import java.util.List;

/** The five services of the local stack, their modules, HTTP port offsets and the services they call over gRPC. */
public enum Service {
    // topology-service holds the stored and the uploaded topology at once during an import: a
    // 10 000-office sheet needs ~400 MB and crawls in GC at 384 MB (docs/benchmarks.md)
    TOPOLOGY("topology-service", 2, List.of("metadata"), "1g"),
    LICENSING("licensing-service", 3, List.of(), "384m"),
    ACTIVATION("activation-service", 4, List.of("licensing"), "384m"),
    METADATA("metadata-service", 1, List.of("topology", "licensing"), "384m"),
    GATEWAY("udp-gateway", 0, List.of(), "384m");

    private final String module;
    private final int portOffset;
    private final List<String> grpcClients;
    private final String maxHeap;

    Service(String module, int portOffset, List<String> grpcClients, String maxHeap) {
        this.module = module;
        this.portOffset = portOffset;
        this.grpcClients = grpcClients;
        this.maxHeap = maxHeap;
    }

    /** Its -Xmx in the local stack: a ceiling, the JVM takes memory only as it needs it. */
    public String maxHeap() {
        return maxHeap;
    }

    public String module() {
        return module;
    }

    /** Its HTTP (and gRPC) port: base + offset, so the defaults are 8081 (gateway) .. 8085 (activation). */
    public int port(int basePort) {
        return basePort + portOffset;
    }

    /** gRPC client names this service uses ({@code quarkus.grpc.clients.<name>}). */
    public List<String> grpcClients() {
        return grpcClients;
    }

    /** The service a gRPC client name points at. */
    public static Service forClient(String clientName) {
        return switch (clientName) {
            case "topology" -> TOPOLOGY;
            case "licensing" -> LICENSING;
            case "metadata" -> METADATA;
            case "activation" -> ACTIVATION;
            default -> throw new IllegalArgumentException("no service serves gRPC client '" + clientName + "'");
        };
    }
}
