package dev.cascade.metadata.client;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import dev.cascade.contracts.v1.GetSeatRequest;
import dev.cascade.contracts.v1.LicensingServiceGrpc;
import dev.cascade.contracts.v1.Seat;
import dev.cascade.metadata.config.MetadataConfig;
import dev.cascade.metadata.service.LicenseView;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Asks licensing-service for a peer's seat at request time; UNKNOWN, never an error, when it cannot answer. */
@ApplicationScoped
public class SeatLookup {

    @GrpcClient("licensing")
    LicensingServiceGrpc.LicensingServiceBlockingStub licensing;

    @Inject
    MetadataConfig config;

    public LicenseView licenseOf(String deviceId) {
        Seat seat;
        try {
            seat = licensing.withDeadlineAfter(config.grpcDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .getSeat(GetSeatRequest.newBuilder().setDeviceId(deviceId).build());
        } catch (StatusRuntimeException e) {
            return LicenseView.unknown("licensing-service unavailable: " + e.getStatus().getCode()
                    + (e.getStatus().getDescription() != null ? " " + e.getStatus().getDescription() : ""));
        }
        Instant assignedAt = seat.getAssignedAtUnixMs() > 0 ? Instant.ofEpochMilli(seat.getAssignedAtUnixMs()) : null;
        return switch (seat.getState()) {
            case SEAT_STATE_LICENSED -> new LicenseView(LicenseView.State.LICENSED, assignedAt, null);
            case SEAT_STATE_OVERAGE -> new LicenseView(LicenseView.State.OVERAGE, assignedAt, null);
            case SEAT_STATE_NONE -> new LicenseView(LicenseView.State.NONE, null, null);
            default -> LicenseView.unknown("licensing-service answered seat state " + seat.getState());
        };
    }
}
