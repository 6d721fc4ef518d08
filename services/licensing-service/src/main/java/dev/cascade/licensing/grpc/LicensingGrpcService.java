package dev.cascade.licensing.grpc;

import dev.cascade.contracts.v1.GetSeatRequest;
import dev.cascade.contracts.v1.GetUsageRequest;
import dev.cascade.contracts.v1.LicenseKeyReason;
import dev.cascade.contracts.v1.LicenseKeyValidation;
import dev.cascade.contracts.v1.LicensingServiceGrpc;
import dev.cascade.contracts.v1.Seat;
import dev.cascade.contracts.v1.SeatState;
import dev.cascade.contracts.v1.Usage;
import dev.cascade.contracts.v1.ValidateLicenseKeyRequest;
import dev.cascade.licensing.service.LicenseBook;
import dev.cascade.licensing.service.LicenseBook.KeyValidation;
import dev.cascade.licensing.service.SeatService;
import dev.cascade.licensing.service.SeatService.UsageView;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;

/**
 * Seat and usage lookups for the other services (metadata-service shows a peer's license state),
 * and license-key validation for activation-service.
 */
@GrpcService
public class LicensingGrpcService extends LicensingServiceGrpc.LicensingServiceImplBase {

    @Inject
    SeatService seats;

    @Inject
    LicenseBook licenses;

    @Override
    @Blocking
    public void getSeat(GetSeatRequest request, StreamObserver<Seat> response) {
        if (request.getDeviceId().isBlank()) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("device_id is empty").asRuntimeException());
            return;
        }
        Seat seat = seats.seatOf(request.getDeviceId())
                .map(view -> Seat.newBuilder().setDeviceId(view.deviceId()).setState(view.state())
                        .setAssignedAtUnixMs(view.assignedAt().toEpochMilli()).build())
                .orElseGet(() -> Seat.newBuilder().setDeviceId(request.getDeviceId())
                        .setState(SeatState.SEAT_STATE_NONE).build());
        response.onNext(seat);
        response.onCompleted();
    }

    @Override
    @Blocking
    public void getUsage(GetUsageRequest request, StreamObserver<Usage> response) {
        UsageView usage = seats.usage();
        response.onNext(Usage.newBuilder().setSeatsUsed(usage.seatsUsed()).setSeatsPurchased(usage.seatsPurchased())
                .setOverage(usage.overage()).build());
        response.onCompleted();
    }

    @Override
    @Blocking
    public void validateLicenseKey(ValidateLicenseKeyRequest request, StreamObserver<LicenseKeyValidation> response) {
        if (request.getLicenseKey().isBlank()) {
            response.onError(Status.INVALID_ARGUMENT.withDescription("license_key is empty").asRuntimeException());
            return;
        }
        KeyValidation validation = licenses.validate(request.getLicenseKey().strip());
        LicenseKeyValidation.Builder answer = LicenseKeyValidation.newBuilder()
                .setValid(validation.valid())
                .setReason(switch (validation.reason()) {
                    case VALID -> LicenseKeyReason.LICENSE_KEY_REASON_VALID;
                    case UNKNOWN -> LicenseKeyReason.LICENSE_KEY_REASON_UNKNOWN;
                    case EXPIRED -> LicenseKeyReason.LICENSE_KEY_REASON_EXPIRED;
                    case SIGNING_KEY_NOT_TRUSTED -> LicenseKeyReason.LICENSE_KEY_REASON_SIGNING_KEY_NOT_TRUSTED;
                })
                .setDetail(validation.detail());
        if (validation.license() != null) {
            answer.setCustomer(validation.license().customer())
                    .setSeats(validation.license().seats())
                    .setValidFromUnixMs(validation.license().validFrom().toEpochMilli())
                    .setValidUntilUnixMs(validation.license().validUntil().toEpochMilli())
                    .setActive(validation.license().active());
        }
        response.onNext(answer.build());
        response.onCompleted();
    }
}
