package dev.cascade.topology.planner;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Seed 002's proxy-distribution options of one deployment.
 *
 * @param useForProxyDistribution "use device for proxy distribution of this package": package-store
 *                                devices serve the others
 * @param onlyProxyDevicesUntil   "only distribute to proxy devices until" (T1); null = not enabled
 * @param enforceProxyUntil       "enforce proxy distribution until" (T2); null = not enabled
 * @param packageStoreDeviceIds   the package-store devices (lower-case device ids)
 */
public record ProxyOptions(boolean useForProxyDistribution, Instant onlyProxyDevicesUntil, Instant enforceProxyUntil,
        Set<String> packageStoreDeviceIds) {

    public static final ProxyOptions NONE = new ProxyOptions(false, null, null, Set.of());

    public ProxyOptions {
        packageStoreDeviceIds = packageStoreDeviceIds == null ? Set.of()
                : packageStoreDeviceIds.stream().map(id -> id.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    public boolean isPackageStore(String deviceId) {
        return packageStoreDeviceIds.contains(deviceId);
    }
}
