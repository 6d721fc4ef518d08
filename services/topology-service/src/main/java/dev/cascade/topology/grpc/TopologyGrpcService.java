package dev.cascade.topology.grpc;

import java.util.List;

import dev.cascade.contracts.v1.GetOfficePathRequest;
import dev.cascade.contracts.v1.ListOfficesRequest;
import dev.cascade.contracts.v1.ListOfficesResponse;
import dev.cascade.contracts.v1.Office;
import dev.cascade.contracts.v1.OfficeMatch;
import dev.cascade.contracts.v1.OfficePath;
import dev.cascade.contracts.v1.PlanSourcesRequest;
import dev.cascade.contracts.v1.ResolveOfficeRequest;
import dev.cascade.contracts.v1.ResolveOfficeResponse;
import dev.cascade.contracts.v1.ResolveOfficesRequest;
import dev.cascade.contracts.v1.ResolveOfficesResponse;
import dev.cascade.contracts.v1.ResolvedAddress;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.contracts.v1.TopologyServiceGrpc;
import dev.cascade.topology.service.OfficeDirectory;
import dev.cascade.topology.service.OfficeDirectory.BatchAnswer;
import dev.cascade.topology.service.OfficeDirectory.BatchResolution;
import dev.cascade.topology.client.PlanningStates.PlanningStateUnavailable;
import dev.cascade.topology.planner.ContentNotDeployedException;
import dev.cascade.topology.planner.PlanQuery;
import dev.cascade.topology.planner.PlanningException;
import dev.cascade.topology.service.OfficeView;
import dev.cascade.topology.service.Resolution;
import dev.cascade.topology.service.SourcePlanning;
import dev.cascade.topology.service.TopologySnapshot;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;

/**
 * The topology for the other services, answered from the in-memory snapshot (no database read):
 * which office an address belongs to (one or many), an office's path to the central office, and
 * every office. metadata-service places each registered peer with it.
 */
@GrpcService
public class TopologyGrpcService extends TopologyServiceGrpc.TopologyServiceImplBase {

    /** Bounds one request and its answer (about 150 bytes per answer) well below gRPC's 4 MB default. */
    public static final int MAX_BATCH = 10_000;

    @Inject
    OfficeDirectory directory;

    @Inject
    SourcePlanning planning;

    @Override
    @Blocking
    public void resolveOffice(ResolveOfficeRequest request, StreamObserver<ResolveOfficeResponse> response) {
        Resolution resolution;
        try {
            resolution = directory.resolve(request.getIpAddress());
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        response.onNext(ResolveOfficeResponse.newBuilder()
                .setOffice(toProto(resolution.office()))
                .setReason(resolution.reason())
                .setTopologyRevision(resolution.topologyRevision())
                .build());
        response.onCompleted();
    }

    @Override
    @Blocking
    public void resolveOffices(ResolveOfficesRequest request, StreamObserver<ResolveOfficesResponse> response) {
        if (request.getIpAddressesCount() > MAX_BATCH) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("ResolveOffices takes at most " + MAX_BATCH
                    + " addresses per call, got " + request.getIpAddressesCount()).asRuntimeException());
            return;
        }
        BatchResolution batch = directory.resolveAll(request.getIpAddressesList());
        ResolveOfficesResponse.Builder answer = ResolveOfficesResponse.newBuilder().setTopologyRevision(batch.topologyRevision());
        for (BatchAnswer one : batch.answers()) {
            ResolvedAddress.Builder address = ResolvedAddress.newBuilder().setIpAddress(one.ipAddress());
            if (one.error() != null) {
                address.setError(one.error());
            } else {
                Resolution resolution = one.resolution();
                address.setOffice(OfficeMatch.newBuilder()
                        .setOfficeId(resolution.office().officeId())
                        .setOfficeName(resolution.office().name())
                        .setMatchedRange(resolution.matched() ? resolution.matchedRange() : "")
                        .setReason(resolution.reason()));
            }
            answer.addAnswers(address);
        }
        response.onNext(answer.build());
        response.onCompleted();
    }

    @Override
    @Blocking
    public void getOfficePath(GetOfficePathRequest request, StreamObserver<OfficePath> response) {
        TopologySnapshot snapshot = directory.snapshot();
        List<OfficeView> path;
        try {
            path = snapshot.path(request.getOfficeId()).orElse(null);
        } catch (IllegalStateException e) {
            response.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        if (path == null) {
            response.onError(Status.NOT_FOUND.withDescription("office '" + request.getOfficeId() + "' does not exist")
                    .asRuntimeException());
            return;
        }
        OfficePath.Builder answer = OfficePath.newBuilder().setTopologyRevision(snapshot.revision());
        path.forEach(office -> answer.addOffices(toProto(office)));
        response.onNext(answer.build());
        response.onCompleted();
    }

    /**
     * Streams the snapshot taken when the call starts. The snapshot is in memory already, so the
     * messages queued for a slow client are bounded by its size.
     */
    @Override
    @Blocking
    public void listOffices(ListOfficesRequest request, StreamObserver<ListOfficesResponse> response) {
        TopologySnapshot snapshot = directory.snapshot();
        for (OfficeView office : snapshot.offices()) {
            response.onNext(ListOfficesResponse.newBuilder().setOffice(toProto(office))
                    .setTopologyRevision(snapshot.revision()).build());
        }
        response.onCompleted();
    }

    /**
     * The source plan for one (peer, content). NOT_FOUND for an unknown peer or content,
     * FAILED_PRECONDITION for a content not deployed to the peer, INVALID_ARGUMENT for a missing id,
     * UNAVAILABLE when metadata-service does not answer.
     */
    @Override
    @Blocking
    public void planSources(PlanSourcesRequest request, StreamObserver<SourcePlan> response) {
        PlanQuery query;
        try {
            query = new PlanQuery(request.getDeviceId(), request.getContentId(), java.util.Set.copyOf(request.getAvoidDeviceIdsList()));
        } catch (IllegalArgumentException e) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        SourcePlan plan;
        try {
            plan = PlanMessages.toProto(planning.plan(query));
        } catch (ContentNotDeployedException e) {
            response.onError(Status.FAILED_PRECONDITION.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (PlanningException e) {
            response.onError(Status.NOT_FOUND.withDescription(e.getMessage()).asRuntimeException());
            return;
        } catch (PlanningStateUnavailable e) {
            response.onError(Status.UNAVAILABLE.withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        response.onNext(plan);
        response.onCompleted();
    }

    static Office toProto(OfficeView office) {
        Office.Builder proto = Office.newBuilder().setOfficeId(office.officeId()).setName(office.name())
                .setType(office.type().toProto()).setCentral(office.central())
                .setMetered(office.metered()).setAllowDirectCdn(office.allowDirectCdn())
                .addAllPreferredRvps(office.preferredRvps());
        office.ranges().forEach(range -> proto.addRanges(range.text()));
        if (office.parentOfficeId() != null) {
            proto.setParentOfficeId(office.parentOfficeId());
        }
        return proto.build();
    }
}
