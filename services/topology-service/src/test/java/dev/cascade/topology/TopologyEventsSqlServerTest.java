package dev.cascade.topology;

import org.testcontainers.junit.jupiter.Testcontainers;

import dev.cascade.testkit.SqlServerProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** On SQL Server and Kafka in containers; skipped where no Docker engine runs. */
@QuarkusTest
@TestProfile(SqlServerProfile.class)
@Testcontainers(disabledWithoutDocker = true)
class TopologyEventsSqlServerTest extends TopologyEventsContract {
}
