package dev.cascade.metadata.deployment;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.cascade.metadata.catalog.CatalogEntry;
import dev.cascade.metadata.service.DeviceId;

/**
 * The rules a deployment request must meet on its own (no catalog, registry or topology needed):
 * one target, a known mode, and seed 002's proxy options only in PROXY mode, with package-store
 * devices, and "enforce proxy distribution until" (T2) only with, and not before, "only distribute
 * to proxy devices until" (T1) — seed 002's table has no case with T2 alone.
 */
public final class DeploymentRules {

    public static final List<String> MODES = List.of("PEER_TO_PEER", "MULTICAST", "PROXY");
    private static final int MAX_DEVICES = 10_000;

    private DeploymentRules() {
    }

    /** @throws InvalidDeploymentException naming the first field that is wrong */
    public static DeploymentSpec check(DeploymentRequest request) {
        if (request == null) {
            throw new InvalidDeploymentException("body", "expected a JSON object with contentId, target and policy");
        }
        String contentId = request.contentId() == null ? "" : request.contentId().strip();
        if (contentId.isEmpty() || contentId.length() > CatalogEntry.MAX_CONTENT_ID) {
            throw new InvalidDeploymentException("contentId", "expected the id of a content of the catalog, got '"
                    + (request.contentId() == null ? "" : request.contentId()) + "'");
        }
        DeploymentTarget target = target(request.target());
        DeploymentRequest.Policy policy = request.policy();
        if (policy == null || policy.mode() == null) {
            throw new InvalidDeploymentException("policy.mode", "expected one of " + MODES);
        }
        String mode = policy.mode().strip().toUpperCase(Locale.ROOT);
        if (!MODES.contains(mode)) {
            throw new InvalidDeploymentException("policy.mode", "'" + policy.mode() + "' is not a mode; expected one of " + MODES);
        }
        boolean preCacheOnly = Boolean.TRUE.equals(policy.preCacheOnly());
        DeploymentRequest.Proxy proxy = policy.proxy();
        if (!mode.equals("PROXY")) {
            if (proxy != null) {
                throw new InvalidDeploymentException("policy.proxy", "proxy options apply only to mode PROXY, not " + mode);
            }
            return new DeploymentSpec(contentId, target, mode, preCacheOnly, false, null, null, List.of());
        }
        if (proxy == null || !Boolean.TRUE.equals(proxy.useForProxyDistribution())) {
            throw new InvalidDeploymentException("policy.proxy.useForProxyDistribution",
                    "mode PROXY distributes through package-store devices: expected true");
        }
        List<String> stores = deviceIds("policy.proxy.packageStoreDeviceIds", proxy.packageStoreDeviceIds());
        if (stores.isEmpty()) {
            throw new InvalidDeploymentException("policy.proxy.packageStoreDeviceIds",
                    "mode PROXY needs at least one package-store device (a device id)");
        }
        Instant onlyUntil = instant("policy.proxy.onlyProxyDevicesUntil", proxy.onlyProxyDevicesUntil());
        Instant enforceUntil = instant("policy.proxy.enforceProxyUntil", proxy.enforceProxyUntil());
        if (enforceUntil != null && onlyUntil == null) {
            throw new InvalidDeploymentException("policy.proxy.enforceProxyUntil",
                    "\"enforce proxy distribution until\" needs \"only distribute to proxy devices until\" (onlyProxyDevicesUntil) as well");
        }
        if (enforceUntil != null && enforceUntil.isBefore(onlyUntil)) {
            throw new InvalidDeploymentException("policy.proxy.enforceProxyUntil", enforceUntil
                    + " is before onlyProxyDevicesUntil " + onlyUntil + "; expected the same time or later");
        }
        return new DeploymentSpec(contentId, target, mode, preCacheOnly, true, onlyUntil, enforceUntil, stores);
    }

    private static DeploymentTarget target(DeploymentRequest.Target target) {
        if (target == null) {
            throw new InvalidDeploymentException("target", "expected exactly one of all (true), officeId, deviceIds");
        }
        int given = (Boolean.TRUE.equals(target.all()) ? 1 : 0) + (target.officeId() != null ? 1 : 0)
                + (target.deviceIds() != null ? 1 : 0);
        if (given != 1 || Boolean.FALSE.equals(target.all())) {
            throw new InvalidDeploymentException("target", "expected exactly one of all (true), officeId, deviceIds; got "
                    + (given == 0 ? "none" : given + " of them"));
        }
        if (target.officeId() != null) {
            String office = target.officeId().strip();
            if (office.isEmpty() || office.length() > 64) {
                throw new InvalidDeploymentException("target.officeId", "expected an office id (1 to 64 characters), got '"
                        + target.officeId() + "'");
            }
            return new DeploymentTarget.Office(office);
        }
        if (target.deviceIds() != null) {
            List<String> devices = deviceIds("target.deviceIds", target.deviceIds());
            if (devices.isEmpty()) {
                throw new InvalidDeploymentException("target.deviceIds", "expected at least one device id");
            }
            return new DeploymentTarget.Devices(devices);
        }
        return new DeploymentTarget.All();
    }

    private static List<String> deviceIds(String field, List<String> ids) {
        if (ids == null) {
            return List.of();
        }
        if (ids.size() > MAX_DEVICES) {
            throw new InvalidDeploymentException(field, ids.size() + " devices; at most " + MAX_DEVICES
                    + " (target an office for more)");
        }
        Set<String> canonical = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            try {
                canonical.add(DeviceId.canonical(ids.get(i)));
            } catch (IllegalArgumentException e) {
                throw new InvalidDeploymentException(field + "[" + i + "]", e.getMessage());
            }
        }
        return new ArrayList<>(canonical);
    }

    private static Instant instant(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidDeploymentException(field, "'" + text + "' is not an ISO-8601 instant such as 2026-12-01T18:00:00Z");
        }
    }
}
