package dev.cascade.testkit;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Runs a service on SQL Server (the production database kind, a build-time setting that this
 * profile overrides, so Quarkus re-augments the application) against containerised SQL Server and
 * Kafka, with the same Liquibase changelog as H2.
 */
public class SqlServerProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.datasource.db-kind", "mssql");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(SqlServerKafkaResource.class));
    }

    @Override
    public boolean disableGlobalTestResources() {
        return true; // no embedded broker: Kafka runs in a container here
    }
}
