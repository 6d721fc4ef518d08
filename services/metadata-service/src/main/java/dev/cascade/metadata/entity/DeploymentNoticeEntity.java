package dev.cascade.metadata.entity;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** When a peer was last sent a deployment's DEPLOYMENT_NOTICE. */
@Entity
@Table(name = "deployment_notice")
@IdClass(DeploymentNoticeEntity.Key.class)
public class DeploymentNoticeEntity extends PanacheEntityBase {

    @Id
    @Column(name = "deployment_id", length = 36)
    public String deploymentId;

    @Id
    @Column(name = "device_id", length = 36)
    public String deviceId;

    @Column(name = "last_sent_at", nullable = false)
    public Instant lastSentAt;

    @Column(name = "notices", nullable = false)
    public long notices;

    /** The composite key. */
    public static class Key implements Serializable {
        public String deploymentId;
        public String deviceId;

        public Key() {
        }

        public Key(String deploymentId, String deviceId) {
            this.deploymentId = deploymentId;
            this.deviceId = deviceId;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(deploymentId, key.deploymentId)
                    && Objects.equals(deviceId, key.deviceId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deploymentId, deviceId);
        }
    }
}
