package dev.cascade.metadata.entity;

import java.io.Serializable;
import java.util.Objects;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** A device a deployment names: a listed target (TARGET) or a package-store device (PACKAGE_STORE). */
@Entity
@Table(name = "deployment_device")
@IdClass(DeploymentDeviceEntity.Key.class)
public class DeploymentDeviceEntity extends PanacheEntityBase {

    public static final String TARGET = "TARGET";
    public static final String PACKAGE_STORE = "PACKAGE_STORE";

    @Id
    @Column(name = "deployment_id", length = 36)
    public String deploymentId;

    @Id
    @Column(name = "device_id", length = 36)
    public String deviceId;

    @Id
    @Column(name = "role", length = 16)
    public String role;

    public static DeploymentDeviceEntity of(String deploymentId, String deviceId, String role) {
        DeploymentDeviceEntity row = new DeploymentDeviceEntity();
        row.deploymentId = deploymentId;
        row.deviceId = deviceId;
        row.role = role;
        return row;
    }

    /** The composite key. */
    public static class Key implements Serializable {
        public String deploymentId;
        public String deviceId;
        public String role;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Objects.equals(deploymentId, key.deploymentId)
                    && Objects.equals(deviceId, key.deviceId) && Objects.equals(role, key.role);
        }

        @Override
        public int hashCode() {
            return Objects.hash(deploymentId, deviceId, role);
        }
    }
}
