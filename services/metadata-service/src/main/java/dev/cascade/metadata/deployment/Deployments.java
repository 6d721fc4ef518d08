package dev.cascade.metadata.deployment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.jboss.logging.Logger;

import dev.cascade.metadata.activation.ServerActivation;
import dev.cascade.metadata.config.MetadataConfig;
import dev.cascade.metadata.entity.ContentEntity;
import dev.cascade.metadata.entity.DeploymentDeviceEntity;
import dev.cascade.metadata.entity.DeploymentEntity;
import dev.cascade.metadata.entity.PeerEntity;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Creates, cancels and reads deployments. A deployment is created only for a deployable content of
 * the catalog, an office topology-service knows, and registered devices; it is stored with the
 * notices to its targeted active peers in one transaction.
 */
@ApplicationScoped
public class Deployments {

    private static final Logger LOG = Logger.getLogger(Deployments.class);
    /** SQL Server takes at most 2100 parameters per statement. */
    private static final int IN_CHUNK = 1000;

    @Inject
    OfficeTree offices;

    @Inject
    DeploymentNotices notices;

    @Inject
    MetadataConfig config;

    @Inject
    ServerActivation activation;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    /** One page of deployments, newest first. */
    public record DeploymentPage(long total, int limit, int offset, List<DeploymentView> items) {
    }

    /**
     * @throws InvalidDeploymentException naming the field (unknown or not deployable content, unknown
     *                                    office or devices)
     * @throws OfficesUnavailableException when the target is an office and topology-service cannot tell the offices
     */
    @Transactional
    public DeploymentView create(DeploymentRequest request) {
        DeploymentSpec spec = DeploymentRules.check(request);
        if (config.requireActivation() && !activation.activated()) {
            throw new InvalidDeploymentException("server", "the server is not activated yet: distribution starts after"
                    + " activation (activate it with the license key: cascade connector activate)", true);
        }
        ContentEntity content = ContentEntity.findById(spec.contentId());
        if (content == null) {
            throw new InvalidDeploymentException("contentId", "no content " + spec.contentId() + " in the catalog");
        }
        if (!content.deployable) {
            throw new InvalidDeploymentException("contentId", "content " + spec.contentId() + " cannot be deployed yet: "
                    + content.notDeployableReason + " (the connector must publish its piece hashes)", true);
        }
        Set<String> subtree = null;
        if (spec.target() instanceof DeploymentTarget.Office office) {
            OfficeHierarchy hierarchy = offices.current();
            if (!hierarchy.contains(office.officeId())) {
                throw new InvalidDeploymentException("target.officeId", "topology-service knows no office " + office.officeId()
                        + " (topology revision " + hierarchy.revision() + ")");
            }
            subtree = hierarchy.subtree(office.officeId());
        }
        if (spec.target() instanceof DeploymentTarget.Devices devices) {
            requireRegistered("target.deviceIds", devices.deviceIds());
        }
        requireRegistered("policy.proxy.packageStoreDeviceIds", spec.packageStoreDeviceIds());

        DeploymentEntity deployment = new DeploymentEntity();
        deployment.deploymentId = UUID.randomUUID().toString();
        deployment.contentId = spec.contentId();
        deployment.targetKind = spec.target().kind();
        deployment.targetOfficeId = spec.target() instanceof DeploymentTarget.Office office ? office.officeId() : null;
        deployment.mode = spec.mode();
        deployment.preCacheOnly = spec.preCacheOnly();
        deployment.useForProxy = spec.useForProxyDistribution();
        deployment.onlyProxyUntil = spec.onlyProxyDevicesUntil();
        deployment.enforceProxyUntil = spec.enforceProxyUntil();
        deployment.createdAt = Instant.now(clock);
        deployment.persist();
        List<String> listed = spec.target() instanceof DeploymentTarget.Devices devices ? devices.deviceIds() : List.of();
        listed.forEach(device -> DeploymentDeviceEntity.of(deployment.deploymentId, device, DeploymentDeviceEntity.TARGET).persist());
        spec.packageStoreDeviceIds().forEach(device ->
                DeploymentDeviceEntity.of(deployment.deploymentId, device, DeploymentDeviceEntity.PACKAGE_STORE).persist());

        List<PeerEntity> targeted = activeTargets(spec, subtree);
        int sent = notices.onCreated(deployment, targeted);
        registry.counter("cascade_metadata_deployments_created_total", "mode", spec.mode()).increment();
        LOG.infof("deployment %s of content %s to %s (%s): %d active peers targeted, %d notices", deployment.deploymentId,
                spec.contentId(), spec.target(), spec.mode(), targeted.size(), sent);
        return DeploymentView.of(deployment, listed, spec.packageStoreDeviceIds());
    }

    private static void requireRegistered(String field, List<String> deviceIds) {
        Set<String> known = new HashSet<>();
        for (List<String> chunk : chunks(deviceIds)) {
            known.addAll(PeerEntity.getEntityManager()
                    .createQuery("select p.deviceId from PeerEntity p where p.deviceId in :ids", String.class)
                    .setParameter("ids", chunk).getResultList());
        }
        List<String> unknown = deviceIds.stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw new InvalidDeploymentException(field, "no peer has registered with device id"
                    + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown.subList(0, Math.min(10, unknown.size())))
                    + (unknown.size() > 10 ? " and " + (unknown.size() - 10) + " more" : ""));
        }
    }

    /** The active peers the new deployment targets (package-store devices included). */
    private List<PeerEntity> activeTargets(DeploymentSpec spec, Set<String> subtree) {
        Instant since = Instant.now(clock).minus(config.heartbeatTtl());
        List<PeerEntity> peers = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (spec.target() instanceof DeploymentTarget.All) {
            peers.addAll(PeerEntity.list("lastSeen >= ?1", since));
        } else if (spec.target() instanceof DeploymentTarget.Office) {
            for (List<String> chunk : chunks(List.copyOf(subtree))) {
                peers.addAll(PeerEntity.list("officeId in :offices and lastSeen >= :since",
                        Parameters.with("offices", chunk).and("since", since)));
            }
        } else if (spec.target() instanceof DeploymentTarget.Devices devices) {
            peers.addAll(activeOf(devices.deviceIds(), since));
        }
        peers.forEach(peer -> seen.add(peer.deviceId));
        activeOf(spec.packageStoreDeviceIds(), since).stream().filter(peer -> seen.add(peer.deviceId)).forEach(peers::add);
        return peers;
    }

    private static List<PeerEntity> activeOf(List<String> deviceIds, Instant since) {
        List<PeerEntity> peers = new ArrayList<>();
        for (List<String> chunk : chunks(deviceIds)) {
            peers.addAll(PeerEntity.list("deviceId in :ids and lastSeen >= :since", Parameters.with("ids", chunk).and("since", since)));
        }
        return peers;
    }

    static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += IN_CHUNK) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + IN_CHUNK)));
        }
        return chunks;
    }

    /**
     * Cancels a deployment: it targets nobody from now on (no more notices, no planning state).
     *
     * @return false when no deployment has the id; cancelling twice is not an error
     */
    @Transactional
    public boolean cancel(String deploymentId) {
        DeploymentEntity deployment = DeploymentEntity.findById(deploymentId);
        if (deployment == null) {
            return false;
        }
        if (deployment.cancelledAt == null) {
            deployment.cancelledAt = Instant.now(clock);
            registry.counter("cascade_metadata_deployments_cancelled_total").increment();
            LOG.infof("deployment %s of content %s cancelled", deploymentId, deployment.contentId);
        }
        return true;
    }

    @Transactional
    public Optional<DeploymentView> find(String deploymentId) {
        return DeploymentEntity.<DeploymentEntity>findByIdOptional(deploymentId).map(Deployments::view);
    }

    /** @param contentId only the deployments of this content; all when null */
    @Transactional
    public DeploymentPage page(String contentId, int limit, int offset) {
        Sort order = Sort.descending("createdAt").and("deploymentId");
        var query = contentId == null ? DeploymentEntity.<DeploymentEntity>findAll(order)
                : DeploymentEntity.<DeploymentEntity>find("contentId", order, contentId);
        List<DeploymentView> items = query.range(offset, offset + limit - 1).list().stream().map(Deployments::view).toList();
        return new DeploymentPage(query.count(), limit, offset, items);
    }

    private static DeploymentView view(DeploymentEntity deployment) {
        List<String> listed = "DEVICES".equals(deployment.targetKind)
                ? DeploymentDeviceEntity.getEntityManager().createQuery("select d.deviceId from DeploymentDeviceEntity d "
                                + "where d.deploymentId = :id and d.role = :role order by d.deviceId", String.class)
                        .setParameter("id", deployment.deploymentId).setParameter("role", DeploymentDeviceEntity.TARGET)
                        .getResultList()
                : List.of();
        return DeploymentView.of(deployment, listed, DeploymentNotices.packageStores(deployment.deploymentId));
    }
}
