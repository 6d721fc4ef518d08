package dev.cascade.gateway.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.cascade.contracts.v1.ActivationServiceGrpc;
import dev.cascade.contracts.v1.GetKeyRingRequest;
import dev.cascade.contracts.v1.WireKeyRing;
import dev.cascade.gateway.config.KeyRingFetcher;
import dev.cascade.gateway.config.KeySource;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;

/**
 * activation-service's key ring over gRPC (GetKeyRing). A plain grpc-java channel rather than a Quarkus
 * {@code @GrpcClient}: the address is one optional property ({@code cascade.keys.activation-service}),
 * and a gateway given a key file must not dial anything.
 */
public final class ActivationServiceKeyRing implements KeyRingFetcher, AutoCloseable {

    private final String address;
    private final ManagedChannel channel;
    private final Duration timeout;

    private ActivationServiceKeyRing(String address, ManagedChannel channel, Duration timeout) {
        this.address = address;
        this.channel = channel;
        this.timeout = timeout;
    }

    /** A channel to {@code hostPort} ({@code host:port}, {@code [ipv6]:port}); throws naming the property if malformed. */
    public static ActivationServiceKeyRing connect(String hostPort, Duration timeout) {
        String text = hostPort.trim();
        int colon = text.lastIndexOf(':');
        String host = colon > 0 ? text.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(text.substring(colon + 1)) : -1;
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (host.isEmpty() || port < 1 || port > 65_535) {
            throw new IllegalArgumentException(KeySource.ACTIVATION_SERVICE_PROPERTY + "='" + text
                    + "' is not host:port; expected activation-service's gRPC address, e.g. activation-service:9085");
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
        return new ActivationServiceKeyRing(text, channel, timeout);
    }

    @Override
    public WireKeyRing fetch() {
        try {
            return ActivationServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getKeyRing(GetKeyRingRequest.getDefaultInstance());
        } catch (StatusRuntimeException e) {
            Status.Code code = e.getStatus().getCode();
            // grpc-java's deadline description is a page of channel internals; the timeout says it all
            String said = code == Status.Code.DEADLINE_EXCEEDED ? "no answer within " + timeout.toMillis() + " ms"
                    : e.getStatus().getDescription();
            throw new IllegalStateException(code + (said == null ? "" : " (" + said + ")"), e);
        }
    }

    @Override
    public String describe() {
        return "activation-service at " + address;
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
