package dev.cascade.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.cascade.contracts.v1.ActivationServiceGrpc;
import dev.cascade.contracts.v1.GetKeyRingRequest;
import dev.cascade.contracts.v1.WireKeyRing;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * activation-service's GetKeyRing on a real gRPC server on a free loopback port, answering with whatever ring the
 * test set last ({@link #serve}), or UNAVAILABLE while none is set. Points {@code cascade.keys.activation-service} at it.
 */
public class FakeActivationService implements QuarkusTestResourceLifecycleManager {

    private static final AtomicReference<WireKeyRing> RING = new AtomicReference<>();
    private Server server;

    /** Answer GetKeyRing with {@code ring} from now on; {@code null}: answer UNAVAILABLE. */
    static void serve(WireKeyRing ring) {
        RING.set(ring);
    }

    @Override
    public Map<String, String> start() {
        RING.set(null);
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .addService(new ActivationServiceGrpc.ActivationServiceImplBase() {
                        @Override
                        public void getKeyRing(GetKeyRingRequest request, StreamObserver<WireKeyRing> response) {
                            WireKeyRing ring = RING.get();
                            if (ring == null) {
                                response.onError(Status.UNAVAILABLE.withDescription("no key ring yet (test)")
                                        .asRuntimeException());
                                return;
                            }
                            response.onNext(ring);
                            response.onCompleted();
                        }
                    }).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake activation-service", e);
        }
        return Map.of("cascade.keys.activation-service", "127.0.0.1:" + server.getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdownNow();
            try {
                server.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
