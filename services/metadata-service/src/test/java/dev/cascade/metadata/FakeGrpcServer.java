package dev.cascade.metadata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;

/**
 * A real gRPC server (grpc-netty, on a fixed loopback port) serving one fake service, which a test
 * can stop and start again to show what the service under test does while its dependency is down.
 */
final class FakeGrpcServer {

    private final int port;
    private final BindableService service;
    private Server server;

    FakeGrpcServer(int port, BindableService service) {
        this.port = port;
        this.service = service;
    }

    synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(service).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake gRPC server on port " + port, e);
        }
    }

    synchronized void stop() throws InterruptedException {
        if (server == null) {
            return;
        }
        server.shutdownNow();
        if (!server.awaitTermination(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the fake gRPC server on port " + port + " did not stop");
        }
        server = null;
    }
}
