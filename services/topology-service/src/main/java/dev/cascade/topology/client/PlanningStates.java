package dev.cascade.topology.client;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.cascade.contracts.v1.CatalogContent;
import dev.cascade.contracts.v1.Deployment;
import dev.cascade.contracts.v1.GetPlanningStateRequest;
import dev.cascade.contracts.v1.MetadataServiceGrpc;
import dev.cascade.contracts.v1.PlanningPeer;
import dev.cascade.contracts.v1.PlanningState;
import dev.cascade.contracts.v1.ProxyPolicy;
import dev.cascade.topology.config.PlannerConfig;
import dev.cascade.topology.planner.ContentInfo;
import dev.cascade.topology.planner.ContentNotDeployedException;
import dev.cascade.topology.planner.DeploymentInfo;
import dev.cascade.topology.planner.PeerState;
import dev.cascade.topology.planner.PlanningFacts;
import dev.cascade.topology.planner.ProxyOptions;
import dev.cascade.topology.planner.UnknownContentException;
import dev.cascade.topology.planner.UnknownPeerException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * What metadata-service knows for planning one (peer, content): gRPC GetPlanningState, read into the
 * planner's {@link PlanningFacts}. Its NOT_FOUND and FAILED_PRECONDITION answers become the
 * planner's typed refusals, with metadata-service's own words.
 */
@ApplicationScoped
public class PlanningStates {

    @GrpcClient("metadata")
    MetadataServiceGrpc.MetadataServiceBlockingStub metadata;

    @Inject
    PlannerConfig config;

    /** metadata-service did not answer; the message says why. */
    public static final class PlanningStateUnavailable extends RuntimeException {
        PlanningStateUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The facts for {@code deviceId} and {@code contentId}, with the active peers of {@code officeIds}
     * as candidates (none when empty: the first call only learns the requester's office).
     *
     * @throws UnknownPeerException        metadata-service knows no such peer
     * @throws UnknownContentException     metadata-service knows no such content
     * @throws ContentNotDeployedException the content is not deployed to the peer
     * @throws PlanningStateUnavailable    metadata-service did not answer in time, or failed
     */
    public PlanningFacts fetch(String deviceId, String contentId, List<String> officeIds) {
        PlanningState state;
        try {
            state = metadata.withDeadlineAfter(config.metadataDeadline().toMillis(), TimeUnit.MILLISECONDS)
                    .getPlanningState(GetPlanningStateRequest.newBuilder().setDeviceId(deviceId).setContentId(contentId)
                            .addAllOfficeIds(officeIds).build());
        } catch (StatusRuntimeException e) {
            Status status = e.getStatus();
            String said = status.getDescription() != null ? status.getDescription() : status.getCode().toString();
            switch (status.getCode()) {
                // the status names what is unknown; both are 404 to an admin, the type only says which
                case NOT_FOUND -> throw said.contains(contentId) && !said.contains(deviceId)
                        ? new UnknownContentException(said) : new UnknownPeerException(said);
                case FAILED_PRECONDITION -> throw new ContentNotDeployedException(said);
                default -> throw new PlanningStateUnavailable("metadata-service could not tell the planning state of device "
                        + deviceId + " for content " + contentId + " (" + status.getCode() + ": " + said + ")", e);
            }
        }
        return toFacts(state);
    }

    /** The planner's view of a PlanningState message. */
    public static PlanningFacts toFacts(PlanningState state) {
        PeerState requester = state.hasRequester() ? toPeer(state.getRequester()) : null;
        ContentInfo content = state.hasContent() ? toContent(state.getContent()) : null;
        DeploymentInfo deployment = state.hasDeployment() ? toDeployment(state.getDeployment()) : null;
        return new PlanningFacts(requester, content, deployment, state.getCandidatesList().stream().map(PlanningStates::toPeer).toList());
    }

    static PeerState toPeer(PlanningPeer peer) {
        return new PeerState(peer.getDeviceId(), peer.getHostname(), peer.getIpAddress(), peer.getOfficeId(), peer.getDeviceClass(),
                peer.getOsType(), peer.getFreeStorageBytes(), peer.getUsableStorageBytes(), peer.getBootTimeUnixMs(), peer.getBusy(),
                peer.getActive(), peer.getState(), peer.getPiecesHeld(), peer.getDeployed());
    }

    static ContentInfo toContent(CatalogContent content) {
        var metadata = content.getMetadata();
        return new ContentInfo(metadata.getContentId(), metadata.getName(), metadata.getSizeBytes(), metadata.getPieceSize(),
                metadata.getOriginUrl());
    }

    static DeploymentInfo toDeployment(Deployment deployment) {
        ProxyOptions proxy = ProxyOptions.NONE;
        if (deployment.getPolicy().hasProxy()) {
            ProxyPolicy policy = deployment.getPolicy().getProxy();
            proxy = new ProxyOptions(policy.getUseForProxyDistribution(), instant(policy.getOnlyProxyDevicesUntilUnixMs()),
                    instant(policy.getEnforceProxyUntilUnixMs()), java.util.Set.copyOf(policy.getPackageStoreDeviceIdsList()));
        }
        return new DeploymentInfo(deployment.getDeploymentId(), deployment.getContentId(), deployment.getPolicy().getMode(),
                deployment.getPolicy().getPreCacheOnly(), proxy, instant(deployment.getCreatedAtUnixMs()));
    }

    private static Instant instant(long unixMs) {
        return unixMs == 0 ? null : Instant.ofEpochMilli(unixMs);
    }
}
