package dev.cascade.metadata.client;

import java.util.concurrent.TimeUnit;

import dev.cascade.contracts.v1.ResolveOfficeRequest;
import dev.cascade.contracts.v1.ResolveOfficeResponse;
import dev.cascade.contracts.v1.TopologyServiceGrpc;
import dev.cascade.metadata.config.MetadataConfig;
import dev.cascade.metadata.service.OfficeAnswer;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Asks topology-service which office an address belongs to; never throws, whatever topology-service does. */
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
        String result = answer instanceof OfficeAnswer.Resolved ? "resolved"
                : answer instanceof OfficeAnswer.Refused ? "refused" : "unavailable";
        registry.counter("cascade_metadata_office_resolutions_total", "result", result).increment();
        return answer;
    }

    private OfficeAnswer ask(String ipAddress) {
        try {
            ResolveOfficeResponse response = topology
                    .withDeadlineAfter(config.grpcDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .resolveOffice(ResolveOfficeRequest.newBuilder().setIpAddress(ipAddress).build());
            return new OfficeAnswer.Resolved(response.getOffice().getOfficeId(), response.getOffice().getName(),
                    response.getReason());
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            String detail = "topology-service: " + status.getCode()
                    + (status.getDescription() != null ? " " + status.getDescription() : "");
            return status.getCode() == Status.Code.INVALID_ARGUMENT
                    ? new OfficeAnswer.Refused(detail)
                    : new OfficeAnswer.Unavailable(detail);
        }
    }
}
