package dev.cascade.activation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.cascade.testkit.SqlServerProfile;

/** {@link ActivationProfile} on SQL Server and Kafka in containers. */
public class ActivationSqlServerProfile extends SqlServerProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ManualClock.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.putAll(ActivationProfile.overrides());
        return overrides;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> resources = new ArrayList<>(super.testResources());
        resources.add(new TestResourceEntry(FakeLicensing.Resource.class));
        resources.add(new TestResourceEntry(InstallationKeys.class));
        return resources;
    }
}
