package dev.cascade.licensing;

import java.util.Map;
import java.util.Set;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The service on a {@link ManualClock}, its scheduled jobs off (the test runs them at the times it
 * chooses), clients retired after 10 days.
 */
public class ManualClockProfile implements QuarkusTestProfile {

    static Map<String, String> overrides() {
        return Map.of(
                "cascade.licensing.retire-after", "10d",
                "cascade.licensing.retirement-every", "off",
                "cascade.licensing.refresh-every", "off");
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ManualClock.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return overrides();
    }
}
