package dev.cascade.metadata.deployment;

import java.time.Instant;
import java.util.List;

/**
 * A deployment request that passed {@link DeploymentRules}: what is left to check needs the catalog,
 * the registry and topology-service.
 *
 * @param onlyProxyDevicesUntil seed 002's T1; null when not enabled
 * @param enforceProxyUntil     seed 002's T2; null when not enabled
 */
public record DeploymentSpec(String contentId, DeploymentTarget target, String mode, boolean preCacheOnly,
        boolean useForProxyDistribution, Instant onlyProxyDevicesUntil, Instant enforceProxyUntil,
        List<String> packageStoreDeviceIds) {

    public DeploymentSpec {
        packageStoreDeviceIds = List.copyOf(packageStoreDeviceIds);
    }
}
