package dev.cascade.activation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.cascade.activation.entity.ServerActivationEntity;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Activation state over REST. Run on H2 ({@link ActivationResourceTest}) and SQL Server ({@link ActivationResourceSqlServerTest}). */
abstract class ActivationResourceContract {

    @Test
    void reportsNotActivatedUntilAServerIsRecordedThenNamesIt() {
        given().get("/activation").then().statusCode(200).body("activated", is(false)).body("servers", hasSize(0));
        assertThat(metric()).contains("cascade_activation_activated 0.0");

        QuarkusTransaction.requiringNew().run(() -> {
            ServerActivationEntity server = new ServerActivationEntity();
            server.serverName = "cascade-hq";
            server.serverIp = "10.0.0.5";
            server.activatedAt = Instant.parse("2026-11-20T10:00:00Z");
            server.persist();
        });

        given().get("/activation").then().statusCode(200).body("activated", is(true))
                .body("servers[0].serverName", equalTo("cascade-hq"))
                .body("servers[0].serverIp", equalTo("10.0.0.5"));
        assertThat(metric()).contains("cascade_activation_activated 1.0");
        QuarkusTransaction.requiringNew().run(() -> ServerActivationEntity.deleteAll());
    }

    @Test
    void exposesHealthAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        assertThat(given().get("/q/openapi").then().statusCode(200).extract().asString()).contains("/activation");
    }

    private String metric() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
