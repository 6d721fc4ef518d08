package dev.cascade.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;

/** A real gRPC server on a free loopback port for a fake of another service, and the client settings that reach it. */
final class FakeGrpcServer {

    private FakeGrpcServer() {
    }

    static Server start(BindableService service) {
        try {
            return NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(service).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake " + service.getClass().getSimpleName(), e);
        }
    }

    /** Points gRPC client {@code client} at {@code server}. */
    static Map<String, String> clientSettings(String client, Server server) {
        String port = String.valueOf(server.getPort());
        // In test mode Quarkus' gRPC clients dial test-port (by default the service's own server), not port.
        return Map.of("quarkus.grpc.clients." + client + ".host", "127.0.0.1",
                "quarkus.grpc.clients." + client + ".port", port,
                "quarkus.grpc.clients." + client + ".test-port", port);
    }

    static void stop(Server server) {
        if (server == null) {
            return;
        }
        server.shutdownNow();
        try {
            server.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while stopping a fake gRPC server", e);
        }
    }
}
