package dev.cascade.activation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.cascade.contracts.v1.GetUsageRequest;
import dev.cascade.contracts.v1.LicenseKeyReason;
import dev.cascade.contracts.v1.LicenseKeyValidation;
import dev.cascade.contracts.v1.LicensingServiceGrpc;
import dev.cascade.contracts.v1.Usage;
import dev.cascade.contracts.v1.ValidateLicenseKeyRequest;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * licensing-service's ValidateLicenseKey and GetUsage on a real gRPC server: the license keys a test
 * sets answer as licensing-service does, any other is UNKNOWN; {@link #down} makes every call UNAVAILABLE.
 */
public final class FakeLicensing extends LicensingServiceGrpc.LicensingServiceImplBase {

    static final Usage USAGE = Usage.newBuilder().setSeatsUsed(42).setSeatsPurchased(500).build();

    private static volatile FakeLicensing running;

    final Map<String, LicenseKeyValidation> licenses = new ConcurrentHashMap<>();
    final AtomicBoolean down = new AtomicBoolean();
    final AtomicInteger validateCalls = new AtomicInteger();

    /** Starts the fake on a free loopback port and points the service's licensing client at it. */
    public static final class Resource implements QuarkusTestResourceLifecycleManager {

        private Server server;

        @Override
        public Map<String, String> start() {
            FakeLicensing service = new FakeLicensing();
            try {
                server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).addService(service)
                        .build().start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the fake licensing-service", e);
            }
            running = service;
            String port = String.valueOf(server.getPort());
            // In test mode Quarkus' gRPC clients dial test-port, not port.
            return Map.of("quarkus.grpc.clients.licensing.host", "127.0.0.1", "quarkus.grpc.clients.licensing.port", port,
                    "quarkus.grpc.clients.licensing.test-port", port);
        }

        @Override
        public void stop() {
            server.shutdownNow();
            try {
                server.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static FakeLicensing running() {
        FakeLicensing service = running;
        if (service == null) {
            throw new IllegalStateException("the fake licensing-service is not running: the test class needs its test resource");
        }
        return service;
    }

    void valid(String key, String customer) {
        licenses.put(key, LicenseKeyValidation.newBuilder().setValid(true).setReason(LicenseKeyReason.LICENSE_KEY_REASON_VALID)
                .setCustomer(customer).setSeats(500).setDetail("license key " + key + " is valid").build());
    }

    void expired(String key, String customer) {
        licenses.put(key, LicenseKeyValidation.newBuilder().setValid(false).setReason(LicenseKeyReason.LICENSE_KEY_REASON_EXPIRED)
                .setCustomer(customer).setDetail("license key " + key + " expired on 2025-01-01").build());
    }

    @Override
    public void validateLicenseKey(ValidateLicenseKeyRequest request, StreamObserver<LicenseKeyValidation> response) {
        validateCalls.incrementAndGet();
        if (down.get()) {
            response.onError(Status.UNAVAILABLE.withDescription("licensing-service is down (test)").asRuntimeException());
            return;
        }
        response.onNext(licenses.getOrDefault(request.getLicenseKey(), LicenseKeyValidation.newBuilder().setValid(false)
                .setReason(LicenseKeyReason.LICENSE_KEY_REASON_UNKNOWN)
                .setDetail("no license file with key " + request.getLicenseKey() + " was imported").build()));
        response.onCompleted();
    }

    @Override
    public void getUsage(GetUsageRequest request, StreamObserver<Usage> response) {
        if (down.get()) {
            response.onError(Status.UNAVAILABLE.withDescription("licensing-service is down (test)").asRuntimeException());
            return;
        }
        response.onNext(USAGE);
        response.onCompleted();
    }
}
