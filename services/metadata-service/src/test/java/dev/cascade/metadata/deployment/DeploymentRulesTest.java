package dev.cascade.metadata.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.metadata.deployment.DeploymentRequest.Policy;
import dev.cascade.metadata.deployment.DeploymentRequest.Proxy;
import dev.cascade.metadata.deployment.DeploymentRequest.Target;

class DeploymentRulesTest {

    private static final String DEVICE = "1b4e28ba-2fa1-11d2-883f-0016d3cca427";
    private static final Target ALL = new Target(true, null, null);

    private static DeploymentRequest proxy(Proxy proxy) {
        return new DeploymentRequest("app-1", ALL, new Policy("PROXY", null, proxy));
    }

    private static void refused(DeploymentRequest request, String field, String message) {
        assertThatThrownBy(() -> DeploymentRules.check(request)).isInstanceOfSatisfying(InvalidDeploymentException.class, e -> {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void eachTargetKindIsReadAndDeviceIdsAreCanonicalAndUnique() {
        assertThat(DeploymentRules.check(new DeploymentRequest("app-1", ALL, new Policy("peer_to_peer", true, null))))
                .satisfies(spec -> {
                    assertThat(spec.target()).isInstanceOf(DeploymentTarget.All.class);
                    assertThat(spec.mode()).isEqualTo("PEER_TO_PEER");
                    assertThat(spec.preCacheOnly()).isTrue();
                });
        assertThat(DeploymentRules.check(new DeploymentRequest("app-1", new Target(null, "ams", null), new Policy("MULTICAST", null, null)))
                .target()).isEqualTo(new DeploymentTarget.Office("ams"));
        assertThat(DeploymentRules.check(new DeploymentRequest("app-1", new Target(null, null, List.of(DEVICE.toUpperCase(), DEVICE)),
                new Policy("MULTICAST", null, null))).target()).isEqualTo(new DeploymentTarget.Devices(List.of(DEVICE)));
    }

    @Test
    void aTargetMustBeExactlyOneKind() {
        refused(new DeploymentRequest("app-1", null, new Policy("MULTICAST", null, null)), "target", "exactly one");
        refused(new DeploymentRequest("app-1", new Target(true, "ams", null), new Policy("MULTICAST", null, null)), "target", "2 of them");
        refused(new DeploymentRequest("app-1", new Target(false, null, null), new Policy("MULTICAST", null, null)), "target", "exactly one");
        refused(new DeploymentRequest("app-1", new Target(null, null, List.of()), new Policy("MULTICAST", null, null)),
                "target.deviceIds", "at least one");
        refused(new DeploymentRequest("app-1", new Target(null, null, List.of(DEVICE, "pc-1")), new Policy("MULTICAST", null, null)),
                "target.deviceIds[1]", "'pc-1'");
        refused(new DeploymentRequest(" ", ALL, new Policy("MULTICAST", null, null)), "contentId", "expected the id");
        refused(new DeploymentRequest("app-1", ALL, new Policy("UNICAST", null, null)), "policy.mode", "'UNICAST'");
        refused(new DeploymentRequest("app-1", ALL, null), "policy.mode", "expected one of");
    }

    @Test
    void proxyModeNeedsPackageStoreDevicesAndSeed002sTimesInOrder() {
        DeploymentSpec spec = DeploymentRules.check(proxy(new Proxy(true, "2030-01-01T00:00:00Z", "2030-01-01T00:00:00Z", List.of(DEVICE))));
        assertThat(spec.useForProxyDistribution()).isTrue();
        assertThat(spec.onlyProxyDevicesUntil()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(spec.enforceProxyUntil()).isEqualTo(spec.onlyProxyDevicesUntil());
        assertThat(spec.packageStoreDeviceIds()).containsExactly(DEVICE);
        assertThat(DeploymentRules.check(proxy(new Proxy(true, null, null, List.of(DEVICE)))).onlyProxyDevicesUntil()).isNull();

        refused(proxy(null), "policy.proxy.useForProxyDistribution", "expected true");
        refused(proxy(new Proxy(false, null, null, List.of(DEVICE))), "policy.proxy.useForProxyDistribution", "expected true");
        refused(proxy(new Proxy(true, null, null, null)), "policy.proxy.packageStoreDeviceIds", "at least one");
        refused(proxy(new Proxy(true, null, "2030-01-01T00:00:00Z", List.of(DEVICE))), "policy.proxy.enforceProxyUntil",
                "needs \"only distribute to proxy devices until\"");
        refused(proxy(new Proxy(true, "2030-01-02T00:00:00Z", "2030-01-01T00:00:00Z", List.of(DEVICE))),
                "policy.proxy.enforceProxyUntil", "is before onlyProxyDevicesUntil");
        refused(proxy(new Proxy(true, "next week", null, List.of(DEVICE))), "policy.proxy.onlyProxyDevicesUntil", "'next week'");
        refused(new DeploymentRequest("app-1", ALL, new Policy("MULTICAST", null, new Proxy(true, null, null, List.of(DEVICE)))),
                "policy.proxy", "only to mode PROXY");
    }
}
