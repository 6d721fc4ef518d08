package dev.cascade.metadata.entity;

import java.time.Instant;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A deployment: a content, a target rule and a policy. Listed devices are in {@link DeploymentDeviceEntity}. */
@Entity
@Table(name = "deployment")
public class DeploymentEntity extends PanacheEntityBase {

    @Id
    @Column(name = "deployment_id", length = 36)
    public String deploymentId;

    @Column(name = "content_id", length = 128, nullable = false)
    public String contentId;

    /** ALL, OFFICE or DEVICES. */
    @Column(name = "target_kind", length = 16, nullable = false)
    public String targetKind;

    /** For OFFICE: the office whose subtree is targeted. */
    @Column(name = "target_office_id", length = 64)
    public String targetOfficeId;

    /** PEER_TO_PEER, MULTICAST or PROXY. */
    @Column(name = "mode", length = 16, nullable = false)
    public String mode;

    @Column(name = "pre_cache_only", nullable = false)
    public boolean preCacheOnly;

    @Column(name = "use_for_proxy", nullable = false)
    public boolean useForProxy;

    @Column(name = "only_proxy_until")
    public Instant onlyProxyUntil;

    @Column(name = "enforce_proxy_until")
    public Instant enforceProxyUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Null while the deployment is active. */
    @Column(name = "cancelled_at")
    public Instant cancelledAt;
}
