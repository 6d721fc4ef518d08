package dev.cascade.licensing;

import dev.cascade.testkit.KafkaBrokerResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** On H2 with the real embedded KRaft broker, on a manual clock. */
@QuarkusTest
@TestProfile(ManualClockProfile.class)
@QuarkusTestResource(KafkaBrokerResource.class)
class BillingMonthTest extends BillingMonthContract {
}
