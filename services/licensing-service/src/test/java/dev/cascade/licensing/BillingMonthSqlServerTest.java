package dev.cascade.licensing;

import org.testcontainers.junit.jupiter.Testcontainers;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** On SQL Server and Kafka in containers, on a manual clock; skipped where no Docker engine runs. */
@QuarkusTest
@TestProfile(ManualClockSqlServerProfile.class)
@Testcontainers(disabledWithoutDocker = true)
class BillingMonthSqlServerTest extends BillingMonthContract {
}
