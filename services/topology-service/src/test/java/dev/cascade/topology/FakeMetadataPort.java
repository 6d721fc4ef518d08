package dev.cascade.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Points the service's metadata-service gRPC client at a free loopback port, where {@link RegisteredPeersTest} serves a fake. */
public class FakeMetadataPort implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String port = String.valueOf(freePort());
        // In test mode Quarkus' gRPC clients dial test-port (by default the service's own server), not port.
        return Map.of(
                "quarkus.grpc.clients.metadata.host", "127.0.0.1",
                "quarkus.grpc.clients.metadata.port", port,
                "quarkus.grpc.clients.metadata.test-port", port);
    }

    @Override
    public void stop() {
        // the test stops its server
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
