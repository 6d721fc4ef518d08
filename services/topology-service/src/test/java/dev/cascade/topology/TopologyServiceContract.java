package dev.cascade.topology;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.OfficeType;
import dev.cascade.contracts.v1.ResolveOfficeRequest;
import dev.cascade.contracts.v1.ResolveOfficeResponse;
import dev.cascade.contracts.v1.TopologyServiceGrpc;
import dev.cascade.topology.service.OfficeDirectory;
import dev.cascade.topology.service.OfficeKind;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;

/**
 * Offices and IP-to-office resolution over REST and gRPC, on the service's real database: H2
 * ({@link TopologyServiceTest}) and SQL Server in a container ({@link TopologyServiceSqlServerTest}).
 */
abstract class TopologyServiceContract {

    @GrpcClient("topology")
    TopologyServiceGrpc.TopologyServiceBlockingStub topology;

    @Inject
    TopologyFixture fixture;

    @Inject
    OfficeDirectory directory;

    @Test
    void theCentralOfficeExistsFromTheStart() {
        given().get("/offices").then().statusCode(200)
                .body("officeId", hasItem("central"));
        given().get("/offices/central").then().statusCode(200)
                .body("name", equalTo("Central office"))
                .body("type", equalTo("STANDARD"))
                .body("central", equalTo(true))
                .body("parentOfficeId", nullValue());
    }

    @Test
    void anUnknownOfficeIs404WithItsIdNamed() {
        given().get("/offices/nowhere-42").then().statusCode(404)
                .body("status", equalTo(404))
                .body("message", containsString("nowhere-42"));
    }

    @Test
    void anAddressNoRangeHoldsResolvesToTheCentralOffice() {
        given().queryParam("ip", "10.9.9.9").get("/offices/resolve").then().statusCode(200)
                .body("office.officeId", equalTo("central"))
                .body("matchedRange", nullValue())
                .body("reason", equalTo("no topology range matches 10.9.9.9: central office"));

        ResolveOfficeResponse answer = resolve("10.9.9.9");
        assertThat(answer.getOffice().getOfficeId()).isEqualTo("central");
        assertThat(answer.getOffice().getCentral()).isTrue();
        assertThat(answer.getOffice().getParentOfficeId()).isEmpty();
        assertThat(answer.getReason()).isEqualTo("no topology range matches 10.9.9.9: central office");
    }

    @Test
    void rangesStoredInTheDatabaseDecideTheOfficeOnceTheResolverIsRebuilt() {
        fixture.addOffice("ams", "Amsterdam", OfficeKind.STANDARD, "central");
        fixture.addOffice("ams-wifi", "Amsterdam Wi-Fi", OfficeKind.WIFI, "ams");
        fixture.addRange("ams", "10.1.0.0", "10.1.255.255", "10.1.0.0/16");
        fixture.addRange("ams-wifi", "10.1.200.10", "10.1.200.50", null);
        fixture.addRange("ams", "2001:db8:1::", "2001:db8:1:ffff:ffff:ffff:ffff:ffff", "2001:db8:1::/48");
        assertThat(resolve("10.1.2.3").getOffice().getOfficeId()).isEqualTo("central"); // not rebuilt yet
        double matchedBefore = metric("cascade_topology_resolutions_total{result=\"matched\"");

        directory.rebuild();

        given().queryParam("ip", "10.1.2.3").get("/offices/resolve").then().statusCode(200)
                .body("office.officeId", equalTo("ams"))
                .body("office.name", equalTo("Amsterdam"))
                .body("matchedRange", equalTo("10.1.0.0/16"))
                .body("reason", equalTo("matched range 10.1.0.0/16 of office ams (Amsterdam)"));
        ResolveOfficeResponse wifi = resolve("10.1.200.20");
        assertThat(wifi.getOffice().getOfficeId()).isEqualTo("ams-wifi");
        assertThat(wifi.getOffice().getType()).isEqualTo(OfficeType.OFFICE_TYPE_WIFI);
        assertThat(wifi.getOffice().getParentOfficeId()).isEqualTo("ams");
        assertThat(wifi.getOffice().getCentral()).isFalse();
        assertThat(wifi.getReason()).isEqualTo("matched range 10.1.200.10-10.1.200.50 of office ams-wifi (Amsterdam Wi-Fi)");
        assertThat(resolve("10.1.200.51").getOffice().getOfficeId()).isEqualTo("ams");
        assertThat(resolve("2001:db8:1::7").getOffice().getOfficeId()).isEqualTo("ams");
        assertThat(resolve("10.9.9.9").getOffice().getOfficeId()).isEqualTo("central");

        given().get("/offices/ams-wifi").then().statusCode(200)
                .body("type", equalTo("WIFI"))
                .body("parentOfficeId", equalTo("ams"))
                .body("ranges[0].firstAddress", equalTo("10.1.200.10"))
                .body("ranges[0].lastAddress", equalTo("10.1.200.50"));
        assertThat(metric("cascade_topology_resolutions_total{result=\"matched\"")).isEqualTo(matchedBefore + 4);
        assertThat(metric("cascade_topology_ranges")).isGreaterThanOrEqualTo(3);
        assertThat(metric("cascade_topology_offices")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aMalformedAddressIsRefusedWithTheAddressNamed() {
        double invalidBefore = metric("cascade_topology_resolutions_total{result=\"invalid\"");

        given().queryParam("ip", "10.1.2.300").get("/offices/resolve").then().statusCode(400)
                .body("status", equalTo(400))
                .body("message", containsString("10.1.2.300"));
        given().queryParam("ip", "intranet.example.com").get("/offices/resolve").then().statusCode(400)
                .body("message", containsString("intranet.example.com"));
        given().get("/offices/resolve").then().statusCode(400)
                .body("message", containsString("'ip' is required"));

        assertThatThrownBy(() -> resolve("10.1.2.300"))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("10.1.2.300");
                });
        assertThat(metric("cascade_topology_resolutions_total{result=\"invalid\"")).isEqualTo(invalidBefore + 3);
    }

    @Test
    void exposesHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("cascade_topology_resolutions_total", "cascade_topology_offices",
                "cascade_topology_ranges");
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/offices/resolve", "/offices/{officeId}");
    }

    private ResolveOfficeResponse resolve(String ip) {
        return topology.resolveOffice(ResolveOfficeRequest.newBuilder().setIpAddress(ip).build());
    }

    /** The value of the first Prometheus sample whose line starts with {@code prefix}. */
    private static double metric(String prefix) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no metric " + prefix + " in /q/metrics"));
    }
}
