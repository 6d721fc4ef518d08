package dev.cascade.topology;

import org.testcontainers.junit.jupiter.Testcontainers;

import dev.cascade.testkit.SqlServerProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** On SQL Server in a container; skipped where no Docker engine runs. */
@QuarkusTest
@TestProfile(SqlServerProfile.class)
@Testcontainers(disabledWithoutDocker = true)
class TopologyServiceSqlServerTest extends TopologyServiceContract {
}
