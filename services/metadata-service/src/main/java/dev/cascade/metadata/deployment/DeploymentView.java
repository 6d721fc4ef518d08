package dev.cascade.metadata.deployment;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.cascade.metadata.entity.DeploymentEntity;

/**
 * A deployment as the API shows it.
 *
 * @param state ACTIVE or CANCELLED
 */
public record DeploymentView(String deploymentId, String contentId, TargetView target, PolicyView policy, String state,
        Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Instant cancelledAt) {

    /** @param kind ALL, OFFICE or DEVICES */
    public record TargetView(String kind, @JsonInclude(JsonInclude.Include.NON_NULL) String officeId,
            @JsonInclude(JsonInclude.Include.NON_NULL) List<String> deviceIds) {
    }

    public record PolicyView(String mode, boolean preCacheOnly, @JsonInclude(JsonInclude.Include.NON_NULL) ProxyView proxy) {
    }

    public record ProxyView(boolean useForProxyDistribution, @JsonInclude(JsonInclude.Include.NON_NULL) Instant onlyProxyDevicesUntil,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant enforceProxyUntil, List<String> packageStoreDeviceIds) {
    }

    public static DeploymentView of(DeploymentEntity deployment, List<String> targetDevices, List<String> packageStores) {
        TargetView target = new TargetView(deployment.targetKind, deployment.targetOfficeId,
                "DEVICES".equals(deployment.targetKind) ? targetDevices : null);
        ProxyView proxy = "PROXY".equals(deployment.mode) ? new ProxyView(deployment.useForProxy, deployment.onlyProxyUntil,
                deployment.enforceProxyUntil, packageStores) : null;
        return new DeploymentView(deployment.deploymentId, deployment.contentId, target,
                new PolicyView(deployment.mode, deployment.preCacheOnly, proxy),
                deployment.cancelledAt == null ? "ACTIVE" : "CANCELLED", deployment.createdAt, deployment.cancelledAt);
    }
}
