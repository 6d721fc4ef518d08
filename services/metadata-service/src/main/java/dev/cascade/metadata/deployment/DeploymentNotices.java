package dev.cascade.metadata.deployment;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.DeploymentPolicy;
import dev.cascade.contracts.v1.KeyFamily;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.contracts.v1.ProxyPolicy;
import dev.cascade.metadata.catalog.Catalog;
import dev.cascade.metadata.config.MetadataConfig;
import dev.cascade.metadata.entity.ContentEntity;
import dev.cascade.metadata.entity.DeploymentDeviceEntity;
import dev.cascade.metadata.entity.DeploymentEntity;
import dev.cascade.metadata.entity.DeploymentNoticeEntity;
import dev.cascade.metadata.entity.PeerEntity;
import dev.cascade.outbox.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Tells peers that a content is deployed to them: a DEPLOYMENT_NOTICE (0x09, the content's metadata
 * with every piece hash, and the policy) written to the outbox in the transaction of the change
 * that calls for it — a deployment created, or a targeted active peer heard from (registration or
 * heartbeat) that holds nothing of the content. A peer is sent a deployment's notice at most once
 * per {@code cascade.metadata.notices.resend-after}: the resend is also how a lost notice is retried.
 */
@ApplicationScoped
public class DeploymentNotices {

    /** protocol.md: DEPLOYMENT_NOTICE. */
    public static final int MESSAGE_TYPE = 0x09;

    @Inject
    DeploymentTargeting targeting;

    @Inject
    Outbox outbox;

    @Inject
    MetadataConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    /** A targeted peer was heard from: notices for the deployments whose content it does not hold, if not sent recently. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onPeerHeard(PeerEntity peer) {
        Instant now = Instant.now(clock);
        if (peer.lastSeen.isBefore(now.minus(config.heartbeatTtl()))) {
            return; // an old event delivered late: the peer is not active
        }
        if (isSeed(peer)) {
            noticeSeed(peer, now);
            return;
        }
        List<DeploymentEntity> deployments = targeting.targeting(peer, targeting.active(null), false);
        if (deployments.isEmpty()) {
            return;
        }
        Set<String> held = new HashSet<>(PeerEntity.getEntityManager()
                .createQuery("select h.contentId from HoldingEntity h where h.deviceId = :device", String.class)
                .setParameter("device", peer.deviceId).getResultList());
        for (DeploymentEntity deployment : deployments) {
            if (!held.contains(deployment.contentId) && due(deployment.deploymentId, peer.deviceId, now)) {
                send(deployment, peer, payload(deployment), now);
            }
        }
    }

    /**
     * A deployment was created: a notice to every targeted active peer that holds nothing of the content.
     *
     * @param peers the targeted active peers
     * @return how many notices were written
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int onCreated(DeploymentEntity deployment, List<PeerEntity> peers) {
        Set<String> held = new HashSet<>(PeerEntity.getEntityManager()
                .createQuery("select h.deviceId from HoldingEntity h where h.contentId = :content", String.class)
                .setParameter("content", deployment.contentId).getResultList());
        Instant now = Instant.now(clock);
        byte[] payload = payload(deployment); // one content and policy for every peer
        int sent = 0;
        Set<String> noticed = new HashSet<>();
        for (PeerEntity peer : peers) {
            if (!held.contains(peer.deviceId)) {
                send(deployment, peer, payload, now);
                noticed.add(peer.deviceId);
                sent++;
            }
        }
        for (PeerEntity seed : activeSeeds(now)) {
            if (!noticed.contains(seed.deviceId)) {
                send(deployment, seed, payload, now);
                sent++;
            }
        }
        return sent;
    }

    private boolean isSeed(PeerEntity peer) {
        return config.seedDeviceIds().map(ids -> ids.contains(peer.deviceId)).orElse(false);
    }

    private List<PeerEntity> activeSeeds(Instant now) {
        List<String> ids = config.seedDeviceIds().orElse(List.of());
        return ids.isEmpty() ? List.of()
                : PeerEntity.list("deviceId in ?1 and lastSeen >= ?2", ids, now.minus(config.heartbeatTtl()));
    }

    /**
     * A seed serves every deployed content from its library: it gets each active deployment's notice once (it
     * keeps the manifests across restarts), whatever the deployment targets; it is never re-sent, since a seed
     * reports no holdings for its library.
     */
    private void noticeSeed(PeerEntity seed, Instant now) {
        for (DeploymentEntity deployment : DeploymentEntity.<DeploymentEntity>list("cancelledAt is null")) {
            if (DeploymentNoticeEntity.findById(new DeploymentNoticeEntity.Key(deployment.deploymentId, seed.deviceId)) == null) {
                send(deployment, seed, payload(deployment), now);
            }
        }
    }

    private boolean due(String deploymentId, String deviceId, Instant now) {
        DeploymentNoticeEntity last = DeploymentNoticeEntity.findById(new DeploymentNoticeEntity.Key(deploymentId, deviceId));
        return last == null || !last.lastSentAt.isAfter(now.minus(config.notices().resendAfter()));
    }

    private void send(DeploymentEntity deployment, PeerEntity peer, byte[] payload, Instant now) {
        String eventId = UUID.randomUUID().toString();
        OutboundDatagram datagram = OutboundDatagram.newBuilder().setEventId(eventId).setDestinationId(peer.deviceId)
                .setDestinationAddress(peer.ipAddress).setDestinationPort(config.peerPort()).setMessageType(MESSAGE_TYPE)
                .setPayload(ByteString.copyFrom(payload)).setKeyFamily(KeyFamily.KEY_FAMILY_FLEET)
                .setLargeMessagePort(config.largeMessagePort()).build();
        outbox.append(Topics.GATEWAY_OUTBOUND, peer.deviceId, eventId, datagram);
        DeploymentNoticeEntity notice = DeploymentNoticeEntity.findById(
                new DeploymentNoticeEntity.Key(deployment.deploymentId, peer.deviceId));
        if (notice == null) {
            notice = new DeploymentNoticeEntity();
            notice.deploymentId = deployment.deploymentId;
            notice.deviceId = peer.deviceId;
            notice.lastSentAt = now;
            notice.notices = 1;
            notice.persist();
        } else {
            notice.lastSentAt = now;
            notice.notices++;
        }
        registry.counter("cascade_metadata_deployment_notices_total").increment();
    }

    /** The DeploymentNotice payload of {@code deployment}: its content with every piece hash, and its policy. */
    static byte[] payload(DeploymentEntity deployment) {
        ContentEntity content = ContentEntity.findById(deployment.contentId);
        return DeploymentNotice.newBuilder().setDeploymentId(deployment.deploymentId)
                .setContent(Catalog.metadata(content, true)).setPolicy(policy(deployment)).build().toByteArray();
    }

    /** The wire form of a deployment's policy; in the caller's transaction (it reads the package-store devices). */
    public static DeploymentPolicy policy(DeploymentEntity deployment) {
        DeploymentPolicy.Builder policy = DeploymentPolicy.newBuilder()
                .setMode(DeploymentMode.valueOf("DEPLOYMENT_MODE_" + deployment.mode)).setPreCacheOnly(deployment.preCacheOnly);
        if ("PROXY".equals(deployment.mode)) {
            ProxyPolicy.Builder proxy = ProxyPolicy.newBuilder().setUseForProxyDistribution(deployment.useForProxy)
                    .addAllPackageStoreDeviceIds(packageStores(deployment.deploymentId));
            if (deployment.onlyProxyUntil != null) {
                proxy.setOnlyProxyDevicesUntilUnixMs(deployment.onlyProxyUntil.toEpochMilli());
            }
            if (deployment.enforceProxyUntil != null) {
                proxy.setEnforceProxyUntilUnixMs(deployment.enforceProxyUntil.toEpochMilli());
            }
            policy.setProxy(proxy);
        }
        return policy.build();
    }

    static List<String> packageStores(String deploymentId) {
        return DeploymentDeviceEntity.getEntityManager().createQuery("select d.deviceId from DeploymentDeviceEntity d "
                        + "where d.deploymentId = :id and d.role = :role order by d.deviceId", String.class)
                .setParameter("id", deploymentId).setParameter("role", DeploymentDeviceEntity.PACKAGE_STORE).getResultList();
    }
}
