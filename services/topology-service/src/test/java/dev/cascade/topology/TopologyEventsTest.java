package dev.cascade.topology;

import dev.cascade.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** On H2 (MSSQLServer mode) with the real embedded KRaft broker. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
class TopologyEventsTest extends TopologyEventsContract {
}
