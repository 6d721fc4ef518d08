package dev.cascade.topology;

import java.util.List;
import java.util.Map;

import dev.cascade.testkit.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The REST tests' own H2 database (they replace the whole topology, which the other test classes'
 * offices would not survive), a configured server address, the tables in an explicit schema, as in
 * production, so that the store's plain SQL is shown to qualify its table names, and a fake
 * metadata-service that is up from the start.
 */
public class TopologyRestProfile implements QuarkusTestProfile {

    /** The server address the tests' topologies keep in the central office (10.0.0.0/16). */
    public static final String SERVER = "10.0.0.10/16";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.datasource.jdbc.url", "jdbc:h2:mem:topology-rest;MODE=MSSQLServer;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=60000",
                "quarkus.hibernate-orm.database.default-schema", "PUBLIC",
                "quarkus.liquibase.default-schema-name", "PUBLIC",
                "cascade.topology.server-ip", SERVER);
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaBrokerResource.class), new TestResourceEntry(FakeMetadataService.Resource.class));
    }

    /** Not the other classes' fake metadata port, which nothing serves between their tests. */
    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }
}
