package dev.cascade.topology;

import io.quarkus.test.junit.QuarkusTest;

/** On H2 (MSSQLServer mode). */
@QuarkusTest
class TopologyServiceTest extends TopologyServiceContract {
}
