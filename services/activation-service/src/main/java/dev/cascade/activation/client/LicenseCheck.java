package dev.cascade.activation.client;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.cascade.activation.config.ActivationConfig;
import dev.cascade.contracts.v1.GetUsageRequest;
import dev.cascade.contracts.v1.LicenseKeyValidation;
import dev.cascade.contracts.v1.LicensingServiceGrpc;
import dev.cascade.contracts.v1.Usage;
import dev.cascade.contracts.v1.ValidateLicenseKeyRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * licensing-service over gRPC: may a license key activate the server, and how many seats are used.
 * ValidateLicenseKey is tried {@code cascade.activation.licensing.attempts} times with growing pauses
 * (licensing-service restarting should not fail an activation); the caller then answers the connector
 * either way, so a partition is never held up for long.
 */
@ApplicationScoped
public class LicenseCheck {

    private static final Logger LOG = Logger.getLogger(LicenseCheck.class);

    @GrpcClient("licensing")
    LicensingServiceGrpc.LicensingServiceBlockingStub licensing;

    @Inject
    ActivationConfig config;

    public LicenseVerdict validate(String licenseKey) {
        ActivationConfig.Licensing settings = config.licensing();
        Duration pause = settings.retryDelay();
        StatusRuntimeException last = null;
        for (int attempt = 1; attempt <= Math.max(1, settings.attempts()); attempt++) {
            if (attempt > 1) {
                sleep(pause);
                pause = pause.multipliedBy(2);
            }
            try {
                LicenseKeyValidation answer = licensing.withDeadlineAfter(settings.deadline().toMillis(), TimeUnit.MILLISECONDS)
                        .validateLicenseKey(ValidateLicenseKeyRequest.newBuilder().setLicenseKey(licenseKey).build());
                return answer.getValid() ? new LicenseVerdict.Valid(answer.getCustomer())
                        : new LicenseVerdict.Invalid(answer.getDetail().isBlank()
                                ? "license key " + licenseKey + " is not valid (" + answer.getReason() + ")" : answer.getDetail());
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
                    return new LicenseVerdict.Invalid("license key refused by licensing-service: " + e.getStatus().getDescription());
                }
                last = e;
                LOG.warnf("ValidateLicenseKey attempt %d of %d failed: %s", attempt, settings.attempts(), describe(e));
            }
        }
        return new LicenseVerdict.Unavailable(describe(last));
    }

    /** Seats used and purchased, or empty when licensing-service does not answer within the deadline. */
    public Optional<Usage> usage() {
        try {
            return Optional.of(licensing.withDeadlineAfter(config.licensing().deadline().toMillis(), TimeUnit.MILLISECONDS)
                    .getUsage(GetUsageRequest.getDefaultInstance()));
        } catch (StatusRuntimeException e) {
            LOG.warnf("GetUsage failed, SERVER_STATUS reports 0 seats: %s", describe(e));
            return Optional.empty();
        }
    }

    private static String describe(StatusRuntimeException e) {
        if (e == null) {
            return "no attempt was made";
        }
        Status status = e.getStatus();
        return status.getCode() + (status.getDescription() != null ? ": " + status.getDescription() : "");
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to call licensing-service again", e);
        }
    }
}
