package dev.cascade.cli.local;

import java.util.List;

/** The five services of the local stack, their modules, HTTP port offsets and the services they call over gRPC. */
public enum Service {
    TOPOLOGY("topology-service", 2, List.of("metadata")),
    LICENSING("licensing-service", 3, List.of()),
    ACTIVATION("activation-service", 4, List.of()),
    METADATA("metadata-service", 1, List.of("topology", "licensing")),
    GATEWAY("udp-gateway", 0, List.of());

    private final String module;
    private final int portOffset;
    private final List<String> grpcClients;

    Service(String module, int portOffset, List<String> grpcClients) {
        this.module = module;
        this.portOffset = portOffset;
        this.grpcClients = grpcClients;
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
