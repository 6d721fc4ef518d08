package dev.cascade.metadata;

import dev.cascade.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** On H2 (MSSQLServer mode) with the real embedded KRaft broker. */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(FakeGrpcPortsResource.class)
class DeploymentsTest extends DeploymentsContract {
}
