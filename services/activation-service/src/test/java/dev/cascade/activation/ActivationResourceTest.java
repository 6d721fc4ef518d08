package dev.cascade.activation;

import io.quarkus.test.junit.QuarkusTest;

/** On H2 (MSSQLServer mode). */
@QuarkusTest
class ActivationResourceTest extends ActivationResourceContract {
}
