package dev.cascade.metadata.client;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.cascade.contracts.v1.ResolveOfficeRequest;
import dev.cascade.contracts.v1.ResolveOfficeResponse;
import dev.cascade.contracts.v1.ResolveOfficesRequest;
import dev.cascade.contracts.v1.ResolveOfficesResponse;
import dev.cascade.contracts.v1.ResolvedAddress;
import dev.cascade.contracts.v1.TopologyServiceGrpc;
import dev.cascade.metadata.config.MetadataConfig;
import dev.cascade.metadata.service.OfficeAnswer;
import dev.cascade.metadata.service.OfficeAnswers;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Asks topology-service which office an address (or many) belongs to; never throws, whatever topology-service does. */
@ApplicationScoped
public class OfficeLookup {

    @GrpcClient("topology")
    TopologyServiceGrpc.TopologyServiceBlockingStub topology;

    @Inject
    MetadataConfig config;

    @Inject
    MeterRegistry registry;

    public OfficeAnswer resolve(String ipAddress) {
        OfficeAnswer answer = ask(ipAddress);
        count(answer, 1);
        return answer;
    }

    /** The offices of {@code ipAddresses} in one call, answers in the same order. */
    public OfficeAnswers resolveAll(List<String> ipAddresses) {
        OfficeAnswers answers = askAll(ipAddresses);
        if (answers instanceof OfficeAnswers.Answered answered) {
            answered.answers().forEach(answer -> count(answer, 1));
        } else {
            count(new OfficeAnswer.Unavailable(""), ipAddresses.size());
        }
        return answers;
    }

    private void count(OfficeAnswer answer, int addresses) {
        String result = answer instanceof OfficeAnswer.Resolved ? "resolved"
                : answer instanceof OfficeAnswer.Refused ? "refused" : "unavailable";
        registry.counter("cascade_metadata_office_resolutions_total", "result", result).increment(addresses);
    }

    private OfficeAnswer ask(String ipAddress) {
        try {
            ResolveOfficeResponse response = topology
                    .withDeadlineAfter(config.grpcDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .resolveOffice(ResolveOfficeRequest.newBuilder().setIpAddress(ipAddress).build());
            return new OfficeAnswer.Resolved(response.getOffice().getOfficeId(), response.getOffice().getName(),
                    response.getReason(), response.getTopologyRevision());
        } catch (StatusRuntimeException e) {
            String detail = detail(e.getStatus());
            // a refusal carries no revision: 0 lets the next topology change ask again
            return e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT
                    ? new OfficeAnswer.Refused(detail, 0)
                    : new OfficeAnswer.Unavailable(detail);
        }
    }

    private OfficeAnswers askAll(List<String> ipAddresses) {
        ResolveOfficesResponse response;
        try {
            response = topology.withDeadlineAfter(config.grpcDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .resolveOffices(ResolveOfficesRequest.newBuilder().addAllIpAddresses(ipAddresses).build());
        } catch (StatusRuntimeException e) {
            return new OfficeAnswers.Unavailable(detail(e.getStatus()));
        }
        if (response.getAnswersCount() != ipAddresses.size()) {
            return new OfficeAnswers.Unavailable("topology-service answered " + response.getAnswersCount() + " of "
                    + ipAddresses.size() + " addresses");
        }
        long revision = response.getTopologyRevision();
        List<OfficeAnswer> answers = new ArrayList<>(ipAddresses.size());
        for (ResolvedAddress address : response.getAnswersList()) {
            answers.add(address.hasOffice()
                    ? new OfficeAnswer.Resolved(address.getOffice().getOfficeId(), address.getOffice().getOfficeName(),
                            address.getOffice().getReason(), revision)
                    : new OfficeAnswer.Refused("topology-service: " + address.getError(), revision));
        }
        return new OfficeAnswers.Answered(revision, answers);
    }

    private static String detail(Status status) {
        return "topology-service: " + status.getCode() + (status.getDescription() != null ? " " + status.getDescription() : "");
    }
}
