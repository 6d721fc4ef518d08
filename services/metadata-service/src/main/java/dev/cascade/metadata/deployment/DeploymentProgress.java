package dev.cascade.metadata.deployment;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.cascade.metadata.entity.ContentEntity;
import dev.cascade.metadata.entity.DeploymentEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * How far a deployment got, per office: the targeted peers (its rule evaluated now, package-store
 * devices included) by the state of their holding of the content. One grouped query over the
 * peers; for an office target the subtree is applied to its (office-sized) result.
 */
@ApplicationScoped
public class DeploymentProgress {

    @Inject
    OfficeTree offices;

    /**
     * @throws OfficesUnavailableException for an office target when topology-service cannot tell the offices
     */
    @Transactional
    public Optional<ProgressTally.Progress> of(String deploymentId) {
        DeploymentEntity deployment = DeploymentEntity.findById(deploymentId);
        if (deployment == null) {
            return Optional.empty();
        }
        Set<String> subtree = "OFFICE".equals(deployment.targetKind)
                ? offices.current().subtree(deployment.targetOfficeId) : Set.of();
        boolean listedOnly = "DEVICES".equals(deployment.targetKind);
        String listed = "case when d.deviceId is null then 0 else 1 end";
        List<Object[]> rows = DeploymentEntity.getEntityManager().createQuery("select p.officeId, max(p.officeName), h.state, "
                        + "h.detail, " + listed + ", count(distinct p.deviceId), coalesce(sum(h.piecesHeld), 0) from PeerEntity p "
                        + "left join HoldingEntity h on h.deviceId = p.deviceId and h.contentId = :content "
                        + "left join DeploymentDeviceEntity d on d.deviceId = p.deviceId and d.deploymentId = :deployment "
                        + (listedOnly ? "where d.deviceId is not null " : "")
                        + "group by p.officeId, h.state, h.detail, " + listed, Object[].class)
                .setParameter("content", deployment.contentId).setParameter("deployment", deploymentId).getResultList();
        ProgressTally tally = new ProgressTally();
        for (Object[] row : rows) {
            String officeId = (String) row[0];
            boolean named = ((Number) row[4]).intValue() == 1;
            boolean targeted = switch (deployment.targetKind) {
                case "ALL" -> true;
                case "OFFICE" -> named || (officeId != null && subtree.contains(officeId));
                default -> named;
            };
            if (targeted) {
                tally.add(new ProgressTally.Row(officeId, (String) row[1], (String) row[2], (String) row[3],
                        ((Number) row[5]).longValue(), ((Number) row[6]).longValue()));
            }
        }
        ContentEntity content = ContentEntity.findById(deployment.contentId);
        return Optional.of(tally.result(deploymentId, deployment.contentId,
                deployment.cancelledAt == null ? "ACTIVE" : "CANCELLED", content == null ? 0 : content.pieceCount));
    }
}
