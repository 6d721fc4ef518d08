package dev.cascade.activation;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cascade.testkit.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service on a {@link ManualClock} with the real embedded broker, a fake licensing-service, an
 * installation key file, a one-hour grace period, licensing retried twice quickly, and its maintenance
 * job off (the test runs it when it chooses).
 */
public class ActivationProfile implements QuarkusTestProfile {

    static final int PEER_PORT = 24325;

    static Map<String, String> overrides() {
        return Map.of(
                "cascade.activation.key-grace", "1h",
                "cascade.activation.maintenance-every", "off",
                "cascade.activation.peer-port", String.valueOf(PEER_PORT),
                "cascade.activation.licensing.attempts", "2",
                "cascade.activation.licensing.retry-delay", "100ms",
                "cascade.activation.licensing.deadline", "2s",
                "cascade.activation.last-seen-resolution", "0s");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ManualClock.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return overrides();
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class), new TestResourceEntry(FakeLicensing.Resource.class),
                new TestResourceEntry(InstallationKeys.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
