package dev.cascade.topology;

import java.util.List;
import java.util.Map;

import dev.cascade.contracts.v1.ListPeersRequest;
import dev.cascade.contracts.v1.MetadataServiceGrpc;
import dev.cascade.contracts.v1.RegisteredPeer;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * metadata-service's ListPeers served by a real gRPC server for as long as the application under
 * test runs (a test resource: the service's channel never sees it down, so never backs off). It
 * streams the peers a test set, or fails with UNAVAILABLE while a test says so.
 */
public final class FakeMetadataService extends MetadataServiceGrpc.MetadataServiceImplBase {

    private static volatile FakeMetadataService running;

    private volatile List<RegisteredPeer> peers = List.of();
    private volatile boolean failing;

    /** Starts the fake on a free loopback port and points the service's metadata client at it. */
    public static final class Resource implements QuarkusTestResourceLifecycleManager {

        private Server server;

        @Override
        public Map<String, String> start() {
            FakeMetadataService service = new FakeMetadataService();
            server = FakeGrpcServer.start(service);
            running = service;
            return FakeGrpcServer.clientSettings("metadata", server);
        }

        @Override
        public void stop() {
            FakeGrpcServer.stop(server);
        }
    }

    /** The fake of the running application, reset to serve no peers. */
    static FakeMetadataService reset() {
        FakeMetadataService service = running;
        if (service == null) {
            throw new IllegalStateException("the fake metadata-service is not running: the test class needs its test resource");
        }
        service.peers = List.of();
        service.failing = false;
        return service;
    }

    void serve(List<RegisteredPeer> registered) {
        peers = List.copyOf(registered);
    }

    /** While true, ListPeers fails as an unreachable metadata-service would. */
    void failing(boolean fail) {
        failing = fail;
    }

    static RegisteredPeer peer(String deviceId, String hostname, String ip, int prefixLength, String officeId) {
        return RegisteredPeer.newBuilder().setDeviceId(deviceId).setHostname(hostname).setIpAddress(ip)
                .setPrefixLength(prefixLength).setOfficeId(officeId == null ? "" : officeId).build();
    }

    @Override
    public void listPeers(ListPeersRequest request, StreamObserver<RegisteredPeer> response) {
        if (failing) {
            response.onError(Status.UNAVAILABLE.withDescription("the test took metadata-service down").asRuntimeException());
            return;
        }
        peers.forEach(response::onNext);
        response.onCompleted();
    }
}
