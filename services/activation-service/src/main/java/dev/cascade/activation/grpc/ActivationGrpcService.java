package dev.cascade.activation.grpc;

import com.google.protobuf.ByteString;

import dev.cascade.activation.keys.KeyAuthority;
import dev.cascade.activation.keys.StoredKey;
import dev.cascade.activation.service.ServerActivations;
import dev.cascade.contracts.v1.Activation;
import dev.cascade.contracts.v1.ActivationServiceGrpc;
import dev.cascade.contracts.v1.GetActivationRequest;
import dev.cascade.contracts.v1.GetKeyRingRequest;
import dev.cascade.contracts.v1.RingKey;
import dev.cascade.contracts.v1.WireKeyRing;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;

/**
 * The activation state for other services, and the wire key ring for the gateways that are not given
 * a key file (Kubernetes): they poll GetKeyRing and change nothing while the revision stays the same.
 * Cluster-internal: the ring carries the secrets.
 */
@GrpcService
public class ActivationGrpcService extends ActivationServiceGrpc.ActivationServiceImplBase {

    @Inject
    ServerActivations activations;

    @Inject
    KeyAuthority keys;

    @Override
    @Blocking
    public void getActivation(GetActivationRequest request, StreamObserver<Activation> response) {
        Activation.Builder answer = Activation.newBuilder();
        activations.current().ifPresent(a -> answer.setActivated(true).setServerName(a.serverName()).setServerIp(a.serverIp())
                .setActivatedAtUnixMs(a.activatedAt().toEpochMilli()).setCustomer(a.customer() == null ? "" : a.customer())
                .setLicenseKey(a.licenseKey() == null ? "" : a.licenseKey()));
        response.onNext(answer.build());
        response.onCompleted();
    }

    @Override
    @Blocking
    public void getKeyRing(GetKeyRingRequest request, StreamObserver<WireKeyRing> response) {
        KeyAuthority.Ring ring = keys.ring();
        WireKeyRing.Builder answer = WireKeyRing.newBuilder().setRevision(ring.revision());
        for (StoredKey key : ring.keys()) {
            answer.addKeys(RingKey.newBuilder().setId((int) key.id()).setFamily(key.familyName())
                    .setSecret(ByteString.copyFrom(key.secret()))
                    .setRetiredUntilUnixMs(key.retiredUntil() == null ? 0 : key.retiredUntil().toEpochMilli()));
        }
        response.onNext(answer.build());
        response.onCompleted();
    }
}
