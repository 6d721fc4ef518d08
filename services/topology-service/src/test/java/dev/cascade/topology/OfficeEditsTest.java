package dev.cascade.topology;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** On H2 (MSSQLServer mode, a database of its own) with the real embedded KRaft broker. */
@QuarkusTest
@TestProfile(TopologyRestProfile.class)
class OfficeEditsTest extends OfficeEditsContract {

    @Inject
    AgroalDataSource dataSource;

    /**
     * H2 2.4.240 breaks a CHECK ... IN (...) constraint once the connection that created it is closed
     * while the database stays open; the migration drops ck_office_type on H2 so that offices can be
     * written after the pool replaced the migration's connection.
     */
    @Test
    void officesCanBeWrittenAfterThePoolClosedTheConnectionsOfTheMigration() {
        dataSource.flush(AgroalDataSource.FlushMode.ALL);

        given().contentType("application/json")
                .body("{\"id\": \"after-flush\", \"name\": \"After flush\", \"type\": \"VPN\", \"parentId\": \"central\"}")
                .post("/offices").then().statusCode(201).body("type", equalTo("VPN"));
    }
}
