package dev.cascade.topology;

import java.util.List;
import java.util.Map;

import dev.cascade.testkit.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The planner's wiring tests: a database of their own (they replace the topology), the shared real
 * broker, a fake metadata-service serving GetPlanningState, a seed peer and a peer port that is not
 * a default one.
 */
public class PlannerProfile implements QuarkusTestProfile {

    static final int PEER_PORT = 24325;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:topology-planner;MODE=MSSQLServer;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000",
                "cascade.planner.seed-device-ids", "seed-1",
                "cascade.planner.peer-port", String.valueOf(PEER_PORT));
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class), new TestResourceEntry(FakePlanningMetadata.Resource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
