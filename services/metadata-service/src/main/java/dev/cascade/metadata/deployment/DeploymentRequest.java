package dev.cascade.metadata.deployment;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * {@code POST /deployments}: a content, a target (exactly one of all, officeId, deviceIds) and a policy.
 * Times are ISO-8601 instants ("2026-12-01T18:00:00Z").
 */
public record DeploymentRequest(String contentId, Target target, Policy policy) {

    @Schema(description = "Exactly one of: all = true (every peer); officeId (the office and its sub-offices); deviceIds (registered devices)")
    public record Target(Boolean all, String officeId, List<String> deviceIds) {
    }

    @Schema(description = "mode: PEER_TO_PEER, MULTICAST or PROXY; proxy only with mode PROXY")
    public record Policy(String mode, Boolean preCacheOnly, Proxy proxy) {
    }

    @Schema(description = "Seed 002's package-store options: use for proxy distribution, only distribute to proxy devices until (T1), "
            + "enforce proxy distribution until (T2, needs T1, not before it), the package-store devices")
    public record Proxy(Boolean useForProxyDistribution, String onlyProxyDevicesUntil, String enforceProxyUntil,
            List<String> packageStoreDeviceIds) {
    }
}
