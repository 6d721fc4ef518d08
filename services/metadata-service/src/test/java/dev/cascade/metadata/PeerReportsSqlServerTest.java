package dev.cascade.metadata;

import org.testcontainers.junit.jupiter.Testcontainers;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** On SQL Server and Kafka in containers; skipped where no Docker engine runs. */
@QuarkusTest
@TestProfile(MetadataServiceSqlServerTest.WithFakeNeighbours.class)
@Testcontainers(disabledWithoutDocker = true)
class PeerReportsSqlServerTest extends PeerReportsContract {
}
