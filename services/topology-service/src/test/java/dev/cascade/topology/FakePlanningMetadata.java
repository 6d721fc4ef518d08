package dev.cascade.topology;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.CatalogContent;
import dev.cascade.contracts.v1.Deployment;
import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeploymentPolicy;
import dev.cascade.contracts.v1.GetPlanningStateRequest;
import dev.cascade.contracts.v1.ListPeersRequest;
import dev.cascade.contracts.v1.MetadataServiceGrpc;
import dev.cascade.contracts.v1.PlanningPeer;
import dev.cascade.contracts.v1.PlanningState;
import dev.cascade.contracts.v1.RegisteredPeer;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * metadata-service's GetPlanningState served by a real gRPC server, from peers, contents and
 * deployments a test sets, answering as metadata-service does: NOT_FOUND for an unknown peer or
 * content, FAILED_PRECONDITION for a content not deployed to the peer, and as candidates the active
 * peers of the asked offices (the requester left out). It records the office ids of each call.
 */
public final class FakePlanningMetadata extends MetadataServiceGrpc.MetadataServiceImplBase {

    private static volatile FakePlanningMetadata running;

    private final Map<String, PlanningPeer> peers = new ConcurrentHashMap<>();
    private final Map<String, CatalogContent> contents = new ConcurrentHashMap<>();
    /** content id -> device ids it is deployed to. */
    private final Map<String, List<String>> deployedTo = new ConcurrentHashMap<>();
    final List<GetPlanningStateRequest> requests = new CopyOnWriteArrayList<>();

    /** Starts the fake on a free loopback port and points the service's metadata client at it. */
    public static final class Resource implements QuarkusTestResourceLifecycleManager {

        private Server server;

        @Override
        public Map<String, String> start() {
            FakePlanningMetadata service = new FakePlanningMetadata();
            server = FakeGrpcServer.start(service);
            running = service;
            return FakeGrpcServer.clientSettings("metadata", server);
        }

        @Override
        public void stop() {
            FakeGrpcServer.stop(server);
        }
    }

    static FakePlanningMetadata running() {
        FakePlanningMetadata service = running;
        if (service == null) {
            throw new IllegalStateException("the fake metadata-service is not running: the test class needs its test resource");
        }
        return service;
    }

    /** Forgets every peer, content and deployment a test set. */
    void reset() {
        peers.clear();
        contents.clear();
        deployedTo.clear();
        requests.clear();
    }

    void peer(PlanningPeer peer) {
        peers.put(peer.getDeviceId(), peer);
    }

    void content(String contentId, String originUrl) {
        contents.put(contentId, CatalogContent.newBuilder().setDeployable(true).setMetadata(AppMetadata.newBuilder()
                .setContentId(contentId).setName("Package " + contentId).setSizeBytes(100L << 20).setPieceSize(1 << 20)
                .setOriginUrl(originUrl)).build());
    }

    void deploy(String contentId, String... deviceIds) {
        deployedTo.put(contentId, List.of(deviceIds));
    }

    static PlanningPeer.Builder peer(String deviceId, String ip, String officeId) {
        return PlanningPeer.newBuilder().setDeviceId(deviceId).setHostname("pc-" + deviceId).setIpAddress(ip).setOfficeId(officeId)
                .setFreeStorageBytes(20L << 30).setUsableStorageBytes(50L << 30).setActive(true);
    }

    @Override
    public void getPlanningState(GetPlanningStateRequest request, StreamObserver<PlanningState> response) {
        requests.add(request);
        PlanningPeer requester = peers.get(request.getDeviceId());
        if (requester == null) {
            response.onError(Status.NOT_FOUND.withDescription("no registered peer has device id '" + request.getDeviceId() + "'")
                    .asRuntimeException());
            return;
        }
        CatalogContent content = contents.get(request.getContentId());
        if (content == null) {
            response.onError(Status.NOT_FOUND.withDescription("the catalog has no content '" + request.getContentId() + "'")
                    .asRuntimeException());
            return;
        }
        if (!deployedTo.getOrDefault(request.getContentId(), List.of()).contains(request.getDeviceId())) {
            response.onError(Status.FAILED_PRECONDITION.withDescription("content '" + request.getContentId()
                    + "' is not deployed to device '" + request.getDeviceId() + "'").asRuntimeException());
            return;
        }
        PlanningState.Builder state = PlanningState.newBuilder().setRequester(requester).setContent(content)
                .setDeployment(Deployment.newBuilder().setDeploymentId("deployment-" + request.getContentId())
                        .setContentId(request.getContentId())
                        .setPolicy(DeploymentPolicy.newBuilder().setMode(DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER)));
        peers.values().stream()
                .filter(peer -> peer.getActive() && !peer.getDeviceId().equals(requester.getDeviceId())
                        && request.getOfficeIdsList().contains(peer.getOfficeId()))
                .forEach(state::addCandidates);
        response.onNext(state.build());
        response.onCompleted();
    }

    @Override
    public void listPeers(ListPeersRequest request, StreamObserver<RegisteredPeer> response) {
        response.onCompleted();
    }
}
