package dev.cascade.metadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the service's gRPC clients (topology, licensing) at free loopback ports, where the test
 * serves its fakes of topology-service and licensing-service.
 */
public class FakeGrpcPortsResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String topology = String.valueOf(freePort());
        String licensing = String.valueOf(freePort());
        // In test mode Quarkus' gRPC clients dial test-port (by default the service's own server), not port.
        return Map.of(
                "quarkus.grpc.clients.topology.host", "127.0.0.1",
                "quarkus.grpc.clients.topology.port", topology,
                "quarkus.grpc.clients.topology.test-port", topology,
                "quarkus.grpc.clients.licensing.host", "127.0.0.1",
                "quarkus.grpc.clients.licensing.port", licensing,
                "quarkus.grpc.clients.licensing.test-port", licensing);
    }

    @Override
    public void stop() {
        // the test stops its servers
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
