package dev.cascade.metadata.planning;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.CatalogContent;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.Deployment;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.GetPlanningStateRequest;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.contracts.v1.PlanningPeer;
import dev.cascade.contracts.v1.PlanningState;
import dev.cascade.metadata.catalog.Catalog;
import dev.cascade.metadata.config.MetadataConfig;
import dev.cascade.metadata.deployment.DeploymentNotices;
import dev.cascade.metadata.deployment.DeploymentTargeting;
import dev.cascade.metadata.deployment.OfficesUnavailableException;
import dev.cascade.metadata.entity.ContentEntity;
import dev.cascade.metadata.entity.DeploymentEntity;
import dev.cascade.metadata.entity.HoldingEntity;
import dev.cascade.metadata.entity.PeerEntity;
import dev.cascade.metadata.service.DeviceId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * What the source planner needs for one (peer, content): the requester, the content, the
 * deployment that targets the requester with it, and the active peers of the asked offices with
 * their holding of the content and whether it is deployed to them. The candidates are one query
 * (peers by the (office, last seen) index, their holdings by primary key), and their targeting one
 * more (the devices the content's deployments list), whatever the number of peers.
 */
@ApplicationScoped
public class PlanningStates {

    @Inject
    DeploymentTargeting targeting;

    @Inject
    MetadataConfig config;

    @Inject
    Clock clock;

    /** Offices per request: the requester's office and its ancestors, usually a handful. */
    private static final int MAX_OFFICES = 1000;

    /** @throws PlanningStateException naming the unknown peer or content, or the content not deployed to the peer */
    @Transactional
    public PlanningState of(GetPlanningStateRequest request) {
        String deviceId;
        try {
            deviceId = DeviceId.canonical(request.getDeviceId());
        } catch (IllegalArgumentException e) {
            throw new PlanningStateException(PlanningStateException.Kind.INVALID, "device_id " + e.getMessage());
        }
        if (request.getContentId().isBlank()) {
            throw new PlanningStateException(PlanningStateException.Kind.INVALID, "content_id is empty; expected a content id");
        }
        if (request.getOfficeIdsCount() > MAX_OFFICES) {
            throw new PlanningStateException(PlanningStateException.Kind.INVALID, request.getOfficeIdsCount()
                    + " office_ids; at most " + MAX_OFFICES);
        }
        PeerEntity requester = PeerEntity.findById(deviceId);
        if (requester == null) {
            throw new PlanningStateException(PlanningStateException.Kind.NOT_FOUND, "no peer has registered with device id " + deviceId);
        }
        ContentEntity content = ContentEntity.findById(request.getContentId());
        if (content == null) {
            throw new PlanningStateException(PlanningStateException.Kind.NOT_FOUND, "no content " + request.getContentId()
                    + " in the catalog");
        }
        List<DeploymentEntity> active = targeting.active(content.contentId); // read once: the requester's and the candidates'
        List<DeploymentEntity> deployments;
        try {
            deployments = targeting.targeting(requester, active, true);
        } catch (OfficesUnavailableException e) {
            throw new PlanningStateException(PlanningStateException.Kind.UNAVAILABLE, "cannot tell whether content "
                    + content.contentId + " is deployed to peer " + deviceId + " (an office deployment needs the office tree): "
                    + e.getMessage());
        }
        if (deployments.isEmpty()) {
            throw new PlanningStateException(PlanningStateException.Kind.NOT_DEPLOYED, "content " + content.contentId
                    + " is not deployed to peer " + deviceId + " (no active deployment targets it)");
        }
        DeploymentEntity deployment = deployments.get(0); // the newest
        Instant since = Instant.now(clock).minus(config.heartbeatTtl());
        PlanningState.Builder state = PlanningState.newBuilder()
                .setRequester(peer(requester, HoldingEntity.findById(new HoldingEntity.Key(deviceId, content.contentId)), since,
                        true))
                .setContent(CatalogContent.newBuilder().setMetadata(Catalog.metadata(content, false))
                        .setDeployable(content.deployable).setPublishedAtUnixMs(content.publishedAt.toEpochMilli()))
                .setDeployment(Deployment.newBuilder().setDeploymentId(deployment.deploymentId).setContentId(deployment.contentId)
                        .setPolicy(DeploymentNotices.policy(deployment)).setCreatedAtUnixMs(deployment.createdAt.toEpochMilli()));
        List<String> offices = request.getOfficeIdsCount() > 0 ? request.getOfficeIdsList()
                : requester.officeId == null ? List.of() : List.of(requester.officeId);
        if (!offices.isEmpty()) {
            List<Object[]> rows = PeerEntity.getEntityManager().createQuery("select p, h from PeerEntity p "
                            + "left join HoldingEntity h on h.deviceId = p.deviceId and h.contentId = :content "
                            + "where p.officeId in :offices and p.lastSeen >= :since and p.deviceId <> :requester", Object[].class)
                    .setParameter("content", content.contentId).setParameter("offices", offices)
                    .setParameter("since", since).setParameter("requester", deviceId)
                    .setHint("org.hibernate.readOnly", true) // thousands of rows: no dirty checking at commit
                    .getResultList();
            // targets count for the planner before they report anything: their notices are on the way
            Set<String> deployed = targeting.targetedAmong(rows.stream().map(row -> (PeerEntity) row[0]).toList(), active);
            for (Object[] row : rows) {
                PeerEntity peer = (PeerEntity) row[0];
                state.addCandidates(peer(peer, (HoldingEntity) row[1], since, deployed.contains(peer.deviceId)));
            }
        }
        return state.build();
    }

    private static PlanningPeer peer(PeerEntity peer, HoldingEntity holding, Instant activeSince, boolean deployed) {
        PlanningPeer.Builder proto = PlanningPeer.newBuilder().setDeviceId(peer.deviceId).setIpAddress(peer.ipAddress)
                .setDeployed(deployed)
                .setDeviceClass(peer.deviceClass == null ? DeviceClass.DEVICE_CLASS_UNSPECIFIED : deviceClass(peer.deviceClass))
                .setOsType(peer.osType == null ? OsType.OS_TYPE_UNSPECIFIED : osType(peer.osType))
                .setFreeStorageBytes(peer.freeStorageBytes).setUsableStorageBytes(peer.usableStorageBytes).setBusy(peer.busy)
                .setActive(!peer.lastSeen.isBefore(activeSince)).setLastSeenUnixMs(peer.lastSeen.toEpochMilli());
        if (peer.hostname != null) {
            proto.setHostname(peer.hostname);
        }
        if (peer.officeId != null) {
            proto.setOfficeId(peer.officeId);
        }
        if (peer.bootTime != null) {
            proto.setBootTimeUnixMs(peer.bootTime.toEpochMilli());
        }
        if (holding != null) {
            proto.setState(ContentState.valueOf("CONTENT_STATE_" + holding.state)).setPiecesHeld(holding.piecesHeld);
            if (holding.pieces != null) {
                proto.setPieces(ByteString.copyFrom(holding.pieces));
            }
        }
        return proto.build();
    }

    private static DeviceClass deviceClass(String name) {
        return switch (name) {
            case "DESKTOP" -> DeviceClass.DEVICE_CLASS_DESKTOP;
            case "LAPTOP" -> DeviceClass.DEVICE_CLASS_LAPTOP;
            default -> DeviceClass.DEVICE_CLASS_UNSPECIFIED;
        };
    }

    private static OsType osType(String name) {
        return switch (name) {
            case "SERVER" -> OsType.OS_TYPE_SERVER;
            case "WORKSTATION" -> OsType.OS_TYPE_WORKSTATION;
            default -> OsType.OS_TYPE_UNSPECIFIED;
        };
    }
}
