package dev.cascade.topology.planner;

import java.time.Instant;

import dev.cascade.contracts.v1.DeploymentMode;

/**
 * The deployment that brings a content to the requester.
 *
 * @param mode  peer-to-peer, multicast (seed 003) or proxy (seed 002); UNSPECIFIED is read as peer-to-peer
 * @param proxy the proxy options; {@link ProxyOptions#NONE} outside proxy mode
 * @param createdAt when the deployment was made; null when unknown
 */
public record DeploymentInfo(String deploymentId, String contentId, DeploymentMode mode, boolean preCacheOnly, ProxyOptions proxy,
        Instant createdAt) {

    /** A deployment whose creation time is not known. */
    public DeploymentInfo(String deploymentId, String contentId, DeploymentMode mode, boolean preCacheOnly, ProxyOptions proxy) {
        this(deploymentId, contentId, mode, preCacheOnly, proxy, null);
    }

    public DeploymentInfo {
        mode = mode == null || mode == DeploymentMode.DEPLOYMENT_MODE_UNSPECIFIED || mode == DeploymentMode.UNRECOGNIZED
                ? DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER : mode;
        proxy = proxy == null ? ProxyOptions.NONE : proxy;
    }
}
