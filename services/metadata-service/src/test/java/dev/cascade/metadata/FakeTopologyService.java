package dev.cascade.metadata;

import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.cascade.contracts.v1.ListOfficesRequest;
import dev.cascade.contracts.v1.ListOfficesResponse;
import dev.cascade.contracts.v1.Office;
import dev.cascade.contracts.v1.OfficeMatch;
import dev.cascade.contracts.v1.OfficeType;
import dev.cascade.contracts.v1.ResolveOfficeRequest;
import dev.cascade.contracts.v1.ResolveOfficeResponse;
import dev.cascade.contracts.v1.ResolveOfficesRequest;
import dev.cascade.contracts.v1.ResolveOfficesResponse;
import dev.cascade.contracts.v1.ResolvedAddress;
import dev.cascade.contracts.v1.TopologyServiceGrpc;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * topology-service as metadata-service sees it, answering what the test placed, at the revision
 * the test set; the real one is tested in its module.
 */
final class FakeTopologyService extends TopologyServiceGrpc.TopologyServiceImplBase {

    private static final Office CENTRAL = Office.newBuilder().setOfficeId("central").setName("Central office")
            .setType(OfficeType.OFFICE_TYPE_STANDARD).setCentral(true).build();

    private final Map<String, Office> placed = new ConcurrentHashMap<>();
    private final Map<String, Office> offices = new ConcurrentHashMap<>();
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final AtomicLong revision = new AtomicLong();

    void place(String ipAddress, String officeId, String name) {
        Office known = offices.get(officeId);
        Office office = known != null && known.getName().equals(name) ? known : Office.newBuilder().setOfficeId(officeId)
                .setName(name).setType(OfficeType.OFFICE_TYPE_STANDARD).setParentOfficeId("central").build();
        offices.putIfAbsent(officeId, office);
        placed.put(ipAddress, office);
    }

    /** An office of the hierarchy ListOffices streams (under {@code parentId}). */
    void office(String officeId, String name, String parentId) {
        offices.put(officeId, Office.newBuilder().setOfficeId(officeId).setName(name).setType(OfficeType.OFFICE_TYPE_STANDARD)
                .setParentOfficeId(parentId).build());
    }

    @Override
    public void listOffices(ListOfficesRequest request, StreamObserver<ListOfficesResponse> response) {
        long at = revision.get();
        response.onNext(ListOfficesResponse.newBuilder().setOffice(CENTRAL).setTopologyRevision(at).build());
        offices.values().stream().sorted(Comparator.comparing(Office::getOfficeId))
                .forEach(office -> response.onNext(ListOfficesResponse.newBuilder().setOffice(office).setTopologyRevision(at).build()));
        response.onCompleted();
    }

    void refuse(String ipAddress) {
        refused.add(ipAddress);
    }

    /** A topology change: answers from now on carry the next revision, which is returned. */
    long nextRevision() {
        return revision.incrementAndGet();
    }

    long revision() {
        return revision.get();
    }

    @Override
    public void resolveOffice(ResolveOfficeRequest request, StreamObserver<ResolveOfficeResponse> response) {
        String ip = request.getIpAddress();
        if (refused.contains(ip)) {
            response.onError(Status.INVALID_ARGUMENT.withDescription(refusal(ip)).asRuntimeException());
            return;
        }
        Office office = placed.getOrDefault(ip, CENTRAL);
        response.onNext(ResolveOfficeResponse.newBuilder().setOffice(office).setReason(reason(ip, office))
                .setTopologyRevision(revision.get()).build());
        response.onCompleted();
    }

    @Override
    public void resolveOffices(ResolveOfficesRequest request, StreamObserver<ResolveOfficesResponse> response) {
        ResolveOfficesResponse.Builder answer = ResolveOfficesResponse.newBuilder().setTopologyRevision(revision.get());
        for (String ip : request.getIpAddressesList()) {
            ResolvedAddress.Builder address = ResolvedAddress.newBuilder().setIpAddress(ip);
            if (refused.contains(ip)) {
                address.setError(refusal(ip));
            } else {
                Office office = placed.getOrDefault(ip, CENTRAL);
                address.setOffice(OfficeMatch.newBuilder().setOfficeId(office.getOfficeId()).setOfficeName(office.getName())
                        .setReason(reason(ip, office)));
            }
            answer.addAnswers(address);
        }
        response.onNext(answer.build());
        response.onCompleted();
    }

    private static String refusal(String ip) {
        return "'" + ip + "' is not an IPv4 or IPv6 address";
    }

    private static String reason(String ip, Office office) {
        return office.getCentral() ? "no topology range matches " + ip + ": central office"
                : "matched range " + ip + "/32 of office " + office.getOfficeId();
    }
}
