package dev.cascade.topology.grpc;

import dev.cascade.contracts.v1.Office;
import dev.cascade.contracts.v1.ResolveOfficeRequest;
import dev.cascade.contracts.v1.ResolveOfficeResponse;
import dev.cascade.contracts.v1.TopologyServiceGrpc;
import dev.cascade.topology.service.OfficeDirectory;
import dev.cascade.topology.service.OfficeView;
import dev.cascade.topology.service.Resolution;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;

/** IP-to-office resolution for the other services (metadata-service places each registered peer). */
@GrpcService
public class TopologyGrpcService extends TopologyServiceGrpc.TopologyServiceImplBase {

    @Inject
    OfficeDirectory directory;

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
                .build());
        response.onCompleted();
    }

    private static Office toProto(OfficeView office) {
        Office.Builder proto = Office.newBuilder().setOfficeId(office.officeId()).setName(office.name())
                .setType(office.type().toProto()).setCentral(office.central());
        if (office.parentOfficeId() != null) {
            proto.setParentOfficeId(office.parentOfficeId());
        }
        return proto.build();
    }
}
