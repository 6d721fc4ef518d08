package dev.cascade.topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.cascade.testkit.SqlServerProfile;

/** {@link SqlServerProfile} with the REST tests' server address and fake metadata-service. */
public class TopologyRestSqlServerProfile extends SqlServerProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
        overrides.put("cascade.topology.server-ip", TopologyRestProfile.SERVER);
        return overrides;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> resources = new ArrayList<>(super.testResources());
        resources.add(new TestResourceEntry(FakeMetadataService.Resource.class));
        return resources;
    }
}
