package dev.cascade.metadata;

import java.util.ArrayList;
import java.util.List;

import org.testcontainers.junit.jupiter.Testcontainers;

import dev.cascade.testkit.SqlServerProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** On SQL Server and Kafka in containers; skipped where no Docker engine runs. */
@QuarkusTest
@TestProfile(MetadataServiceSqlServerTest.WithFakeNeighbours.class)
@Testcontainers(disabledWithoutDocker = true)
class MetadataServiceSqlServerTest extends MetadataServiceContract {

    /** SQL Server + Kafka containers, and the ports of the fake topology and licensing servers. */
    public static class WithFakeNeighbours extends SqlServerProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            List<TestResourceEntry> resources = new ArrayList<>(super.testResources());
            resources.add(new TestResourceEntry(FakeGrpcPortsResource.class));
            return resources;
        }
    }
}
