package dev.cascade.topology;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** On H2 (MSSQLServer mode, a database of its own) with the real embedded KRaft broker. */
@QuarkusTest
@TestProfile(TopologyRestProfile.class)
class TopologyImportTest extends TopologyImportContract {
}
