package dev.cascade.metadata;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.cascade.contracts.v1.Office;
import dev.cascade.contracts.v1.OfficeType;
import dev.cascade.contracts.v1.ResolveOfficeRequest;
import dev.cascade.contracts.v1.ResolveOfficeResponse;
import dev.cascade.contracts.v1.TopologyServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/** topology-service as metadata-service sees it, answering what the test placed; the real one is tested in its module. */
final class FakeTopologyService extends TopologyServiceGrpc.TopologyServiceImplBase {

    private final Map<String, Office> placed = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();

    void place(String ipAddress, String officeId, String name) {
        placed.put(ipAddress, Office.newBuilder().setOfficeId(officeId).setName(name)
                .setType(OfficeType.OFFICE_TYPE_STANDARD).setParentOfficeId("central").build());
    }

    void refuse(String ipAddress) {
        refused.add(ipAddress);
    }

    @Override
    public void resolveOffice(ResolveOfficeRequest request, StreamObserver<ResolveOfficeResponse> response) {
        String ip = request.getIpAddress();
        if (refused.contains(ip)) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("'" + ip + "' is not an IPv4 or IPv6 address")
                    .asRuntimeException());
            return;
        }
        Office office = placed.get(ip);
        ResolveOfficeResponse answer = office != null
                ? ResolveOfficeResponse.newBuilder().setOffice(office)
                        .setReason("matched range " + ip + "/32 of office " + office.getOfficeId()).build()
                : ResolveOfficeResponse.newBuilder().setOffice(Office.newBuilder().setOfficeId("central")
                        .setName("Central office").setType(OfficeType.OFFICE_TYPE_STANDARD).setCentral(true))
                        .setReason("no topology range matches " + ip + ": central office").build();
        response.onNext(answer);
        response.onCompleted();
    }
}
