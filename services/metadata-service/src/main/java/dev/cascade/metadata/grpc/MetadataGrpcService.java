package dev.cascade.metadata.grpc;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.CatalogContent;
import dev.cascade.contracts.v1.GetContentRequest;
import dev.cascade.contracts.v1.GetPlanningStateRequest;
import dev.cascade.contracts.v1.ListPeersRequest;
import dev.cascade.contracts.v1.MetadataServiceGrpc;
import dev.cascade.contracts.v1.PlanningState;
import dev.cascade.contracts.v1.RegisteredPeer;
import dev.cascade.metadata.catalog.Catalog;
import dev.cascade.metadata.catalog.ContentView;
import dev.cascade.metadata.config.MetadataConfig;
import dev.cascade.metadata.planning.PlanningStateException;
import dev.cascade.metadata.planning.PlanningStates;
import dev.cascade.metadata.service.PeerDirectory;
import dev.cascade.metadata.service.PeerView;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;

/**
 * The peer registry, the catalog and the planning state for the other services (topology-service:
 * the dry-run diff, the detected topology and the source planner).
 */
@GrpcService
public class MetadataGrpcService extends MetadataServiceGrpc.MetadataServiceImplBase {

    /** A client that reads nothing for this long is given up on, freeing the worker thread. */
    private static final long STALL_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Inject
    PeerDirectory directory;

    @Inject
    MetadataConfig config;

    @Inject
    Catalog catalog;

    @Inject
    PlanningStates planningStates;

    /** One content without piece hashes; NOT_FOUND naming an unknown id. */
    @Override
    @Blocking
    public void getContent(GetContentRequest request, StreamObserver<CatalogContent> response) {
        if (request.getContentId().isBlank()) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("content_id is empty; expected a content id").asRuntimeException());
            return;
        }
        Optional<ContentView> found = catalog.find(request.getContentId(), false);
        if (found.isEmpty()) {
            response.onError(Status.NOT_FOUND.withDescription("no content " + request.getContentId() + " in the catalog")
                    .asRuntimeException());
            return;
        }
        AppMetadata metadata = catalog.metadata(request.getContentId(), false).orElseThrow();
        response.onNext(CatalogContent.newBuilder().setMetadata(metadata).setDeployable(found.get().deployable())
                .setPublishedAtUnixMs(found.get().publishedAt().toEpochMilli()).build());
        response.onCompleted();
    }

    /** The planner's view of one (peer, content); NOT_FOUND / FAILED_PRECONDITION as metadata.proto says. */
    @Override
    @Blocking
    public void getPlanningState(GetPlanningStateRequest request, StreamObserver<PlanningState> response) {
        PlanningState state;
        try {
            state = planningStates.of(request);
        } catch (PlanningStateException e) {
            Status status = switch (e.kind()) {
                case INVALID -> Status.INVALID_ARGUMENT;
                case NOT_FOUND -> Status.NOT_FOUND;
                case NOT_DEPLOYED -> Status.FAILED_PRECONDITION;
                case UNAVAILABLE -> Status.UNAVAILABLE;
            };
            response.onError(status.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        response.onNext(state);
        response.onCompleted();
    }

    /**
     * Streams a page read from the database at a time, and reads the next page only once the
     * client has taken the previous one (gRPC flow control), so memory stays at one page however
     * many peers there are.
     */
    @Override
    @Blocking
    public void listPeers(ListPeersRequest request, StreamObserver<RegisteredPeer> response) {
        ServerCallStreamObserver<RegisteredPeer> call = (ServerCallStreamObserver<RegisteredPeer>) response;
        String officeId = request.getOfficeId().isBlank() ? null : request.getOfficeId();
        int pageSize = config.listPeers().pageSize();
        String after = "";
        for (;;) {
            List<PeerView> page = directory.pageAfter(officeId, after, pageSize);
            for (PeerView peer : page) {
                if (!awaitReady(call)) {
                    return;
                }
                call.onNext(toProto(peer));
            }
            if (page.size() < pageSize) {
                break;
            }
            after = page.get(page.size() - 1).deviceId();
        }
        call.onCompleted();
    }

    /** Waits until the transport takes another message; false (the call ended) when the client cancelled or stalled. */
    private static boolean awaitReady(ServerCallStreamObserver<RegisteredPeer> call) {
        long since = System.nanoTime();
        while (!call.isReady()) {
            if (call.isCancelled()) {
                return false;
            }
            if (System.nanoTime() - since > STALL_LIMIT_NANOS) {
                call.onError(Status.DEADLINE_EXCEEDED.withDescription("ListPeers: the client read nothing for "
                        + TimeUnit.NANOSECONDS.toSeconds(STALL_LIMIT_NANOS) + " s").asRuntimeException());
                return false;
            }
            // polled rather than signalled: the ready callback may only run once this method returns
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
        return true;
    }

    private static RegisteredPeer toProto(PeerView peer) {
        RegisteredPeer.Builder proto = RegisteredPeer.newBuilder().setDeviceId(peer.deviceId())
                .setIpAddress(peer.ipAddress()).setPrefixLength(Math.max(0, peer.prefixLength()))
                .setLastSeenUnixMs(peer.lastSeen().toEpochMilli());
        if (peer.hostname() != null) {
            proto.setHostname(peer.hostname());
        }
        if (peer.office() != null) {
            proto.setOfficeId(peer.office().officeId());
        }
        return proto.build();
    }
}
