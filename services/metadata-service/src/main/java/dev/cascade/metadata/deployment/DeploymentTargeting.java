package dev.cascade.metadata.deployment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.logging.Logger;

import dev.cascade.metadata.entity.DeploymentDeviceEntity;
import dev.cascade.metadata.entity.DeploymentEntity;
import dev.cascade.metadata.entity.PeerEntity;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Which active deployments target a peer now: target ALL; OFFICE when the peer's office is the
 * target office or below it; DEVICES when the peer is listed; and any deployment naming the peer
 * as a package-store device (it receives the content first). Newest first.
 */
@ApplicationScoped
public class DeploymentTargeting {

    private static final Logger LOG = Logger.getLogger(DeploymentTargeting.class);

    @Inject
    OfficeTree offices;

    /**
     * The deployments among {@code active} that target {@code peer}, newest first.
     *
     * @param active    active deployments, from {@link #active}
     * @param strict    true: an office-subtree deployment that cannot be evaluated (topology-service
     *                  unavailable) throws; false: it is left out (logged)
     * @throws OfficesUnavailableException only when {@code strict}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<DeploymentEntity> targeting(PeerEntity peer, List<DeploymentEntity> active, boolean strict) {
        if (active.isEmpty()) {
            return List.of();
        }
        Set<String> named = new HashSet<>(DeploymentDeviceEntity.getEntityManager()
                .createQuery("select d.deploymentId from DeploymentDeviceEntity d where d.deviceId = :device", String.class)
                .setParameter("device", peer.deviceId).getResultList());
        Hierarchy hierarchy = new Hierarchy(strict);
        List<DeploymentEntity> targeting = new ArrayList<>();
        for (DeploymentEntity deployment : active) {
            if (targets(deployment, peer, named, hierarchy)) {
                targeting.add(deployment);
            }
        }
        return targeting;
    }

    /**
     * The device ids of {@code peers} that one of {@code active} (a content's active deployments, from
     * {@link #active}) targets now, by the rules of {@link #targeting}; an office deployment that cannot
     * be evaluated (topology-service unavailable) targets none of them (logged). At most one query (the
     * devices the deployments list), whatever the number of peers.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<String> targetedAmong(Collection<PeerEntity> peers, List<DeploymentEntity> active) {
        if (peers.isEmpty() || active.isEmpty()) {
            return Set.of();
        }
        if (active.stream().anyMatch(deployment -> "ALL".equals(deployment.targetKind))) {
            Set<String> everyone = new HashSet<>();
            peers.forEach(peer -> everyone.add(peer.deviceId));
            return everyone;
        }
        Map<String, Set<String>> namedByDevice = new HashMap<>();
        List<Object[]> rows = DeploymentDeviceEntity.getEntityManager().createQuery("select d.deviceId, d.deploymentId "
                        + "from DeploymentDeviceEntity d where d.deploymentId in :deployments", Object[].class)
                .setParameter("deployments", active.stream().map(deployment -> deployment.deploymentId).toList())
                .getResultList();
        for (Object[] row : rows) {
            namedByDevice.computeIfAbsent((String) row[0], device -> new HashSet<>()).add((String) row[1]);
        }
        Hierarchy hierarchy = new Hierarchy(false);
        Set<String> targeted = new HashSet<>();
        for (PeerEntity peer : peers) {
            Set<String> named = namedByDevice.getOrDefault(peer.deviceId, Set.of());
            for (DeploymentEntity deployment : active) {
                if (targets(deployment, peer, named, hierarchy)) {
                    targeted.add(peer.deviceId);
                    break;
                }
            }
        }
        return targeted;
    }

    /** The active deployments of {@code contentId} (of every content when null), newest first. */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<DeploymentEntity> active(String contentId) {
        return contentId == null
                ? DeploymentEntity.list("cancelledAt is null", Sort.descending("createdAt"))
                : DeploymentEntity.list("cancelledAt is null and contentId = ?1", Sort.descending("createdAt"), contentId);
    }

    /** @param named the deployments that list {@code peer} (as a target or a package-store device) */
    private static boolean targets(DeploymentEntity deployment, PeerEntity peer, Set<String> named, Hierarchy hierarchy) {
        return switch (deployment.targetKind) {
            case "ALL" -> true;
            case "OFFICE" -> named.contains(deployment.deploymentId) || peer.officeId != null
                    && hierarchy.isWithin(peer, deployment);
            default -> named.contains(deployment.deploymentId);
        };
    }

    /** The office tree, fetched from topology-service once per call and only when an office deployment needs it. */
    private final class Hierarchy {

        private final boolean strict;
        private OfficeHierarchy tree;
        private boolean unavailable;

        Hierarchy(boolean strict) {
            this.strict = strict;
        }

        /** @throws OfficesUnavailableException only when strict */
        boolean isWithin(PeerEntity peer, DeploymentEntity deployment) {
            if (tree == null && !unavailable) {
                try {
                    tree = offices.current();
                } catch (OfficesUnavailableException e) {
                    if (strict) {
                        throw e;
                    }
                    unavailable = true;
                    LOG.debugf("office deployment %s not evaluated for peer %s: %s", deployment.deploymentId, peer.deviceId,
                            e.getMessage());
                }
            }
            return tree != null && tree.isWithin(peer.officeId, deployment.targetOfficeId);
        }
    }
}
