package dev.cascade.licensing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import dev.cascade.testkit.SqlServerProfile;

/** {@link ManualClockProfile} on SQL Server and Kafka in containers. */
public class ManualClockSqlServerProfile extends SqlServerProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(ManualClock.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.putAll(ManualClockProfile.overrides());
        return overrides;
    }
}
