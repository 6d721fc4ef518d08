package dev.cascade.activation;

import org.testcontainers.junit.jupiter.Testcontainers;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** On SQL Server and Kafka in containers; skipped where no Docker engine runs. */
@QuarkusTest
@TestProfile(ActivationSqlServerProfile.class)
@Testcontainers(disabledWithoutDocker = true)
class ActivationFlowSqlServerTest extends ActivationFlowContract {
}
