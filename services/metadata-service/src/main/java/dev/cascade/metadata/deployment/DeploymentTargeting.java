package dev.cascade.metadata.deployment;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
     * @param contentId only deployments of this content; all when null
     * @param strict    true: an office-subtree deployment that cannot be evaluated (topology-service
     *                  unavailable) throws; false: it is left out (logged)
     * @throws OfficesUnavailableException only when {@code strict}
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<DeploymentEntity> targeting(PeerEntity peer, String contentId, boolean strict) {
        List<DeploymentEntity> active = contentId == null
                ? DeploymentEntity.list("cancelledAt is null", Sort.descending("createdAt"))
                : DeploymentEntity.list("cancelledAt is null and contentId = ?1", Sort.descending("createdAt"), contentId);
        if (active.isEmpty()) {
            return List.of();
        }
        Set<String> named = new HashSet<>(DeploymentDeviceEntity.getEntityManager()
                .createQuery("select d.deploymentId from DeploymentDeviceEntity d where d.deviceId = :device", String.class)
                .setParameter("device", peer.deviceId).getResultList());
        List<DeploymentEntity> targeting = new ArrayList<>();
        OfficeHierarchy hierarchy = null;
        for (DeploymentEntity deployment : active) {
            boolean targeted = switch (deployment.targetKind) {
                case "ALL" -> true;
                case "OFFICE" -> {
                    if (named.contains(deployment.deploymentId)) {
                        yield true;
                    }
                    if (peer.officeId == null) {
                        yield false;
                    }
                    if (hierarchy == null) {
                        try {
                            hierarchy = offices.current();
                        } catch (OfficesUnavailableException e) {
                            if (strict) {
                                throw e;
                            }
                            LOG.debugf("office deployment %s not evaluated for peer %s: %s", deployment.deploymentId,
                                    peer.deviceId, e.getMessage());
                            yield false;
                        }
                    }
                    yield hierarchy.isWithin(peer.officeId, deployment.targetOfficeId);
                }
                default -> named.contains(deployment.deploymentId);
            };
            if (targeted) {
                targeting.add(deployment);
            }
        }
        return targeting;
    }
}
