package dev.cascade.metadata;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The fakes of topology-service and licensing-service, served by real gRPC servers on the ports
 * {@link FakeGrpcPortsResource} chose: one pair per test JVM, shared by every test class of the
 * application, which a test may stop and start again.
 */
final class FakeNeighbours {

    static final FakeTopologyService topology = new FakeTopologyService();
    static final FakeLicensingService licensing = new FakeLicensingService();
    private static FakeGrpcServer topologyServer;
    private static FakeGrpcServer licensingServer;

    private FakeNeighbours() {
    }

    /** Starts both servers (again) if they are not running. */
    static synchronized void up() {
        if (topologyServer == null) {
            topologyServer = new FakeGrpcServer(port("quarkus.grpc.clients.topology.port"), topology);
            licensingServer = new FakeGrpcServer(port("quarkus.grpc.clients.licensing.port"), licensing);
        }
        topologyServer.start();
        licensingServer.start();
    }

    static FakeGrpcServer topologyServer() {
        return topologyServer;
    }

    static FakeGrpcServer licensingServer() {
        return licensingServer;
    }

    private static int port(String property) {
        return ConfigProvider.getConfig().getValue(property, Integer.class);
    }
}
