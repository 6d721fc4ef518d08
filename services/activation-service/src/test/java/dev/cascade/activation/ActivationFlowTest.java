package dev.cascade.activation;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** On H2 (MSSQLServer mode) with the real embedded KRaft broker. */
@QuarkusTest
@TestProfile(ActivationProfile.class)
class ActivationFlowTest extends ActivationFlowContract {
}
