package dev.cascade.topology;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.GetOfficePathRequest;
import dev.cascade.contracts.v1.ListOfficesRequest;
import dev.cascade.contracts.v1.ListOfficesResponse;
import dev.cascade.contracts.v1.Office;
import dev.cascade.contracts.v1.OfficePath;
import dev.cascade.contracts.v1.OfficeType;
import dev.cascade.contracts.v1.ResolveOfficeRequest;
import dev.cascade.contracts.v1.ResolveOfficeResponse;
import dev.cascade.contracts.v1.ResolveOfficesRequest;
import dev.cascade.contracts.v1.ResolveOfficesResponse;
import dev.cascade.contracts.v1.ResolvedAddress;
import dev.cascade.contracts.v1.TopologyServiceGrpc;
import dev.cascade.topology.service.OfficeDirectory;
import dev.cascade.topology.model.OfficeKind;
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
    void getOfficePathWalksFromTheOfficeUpToTheCentralOffice() {
        String region = unique("region");
        String site = unique("site");
        String wifi = unique("site-wifi");
        fixture.addOffice(region, region, OfficeKind.STANDARD, "central");
        fixture.addOffice(site, site, OfficeKind.STANDARD, region);
        fixture.addOffice(wifi, wifi, OfficeKind.WIFI, site);
        long revision = fixture.recordEdit(3, 0, 0);

        OfficePath path = topology.getOfficePath(GetOfficePathRequest.newBuilder().setOfficeId(wifi).build());

        assertThat(path.getOfficesList()).extracting(Office::getOfficeId).containsExactly(wifi, site, region, "central");
        assertThat(path.getOfficesList()).extracting(Office::getParentOfficeId).containsExactly(site, region, "central", "");
        assertThat(path.getOffices(0).getType()).isEqualTo(OfficeType.OFFICE_TYPE_WIFI);
        assertThat(path.getOffices(3).getCentral()).isTrue();
        assertThat(path.getTopologyRevision()).isEqualTo(revision);
        assertThat(topology.getOfficePath(GetOfficePathRequest.newBuilder().setOfficeId("central").build()).getOfficesList())
                .extracting(Office::getOfficeId).containsExactly("central");
    }

    @Test
    void anUnknownOfficeHasNoPath() {
        assertThatThrownBy(() -> topology.getOfficePath(GetOfficePathRequest.newBuilder().setOfficeId("nowhere-7").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).contains("'nowhere-7'");
                });
    }

    @Test
    void listOfficesStreamsEveryOfficeWithItsRangesFlagsAndPreferredRvpsInOrder() {
        String office = unique("branch");
        String firstRvp = UUID.randomUUID().toString();
        String secondRvp = UUID.randomUUID().toString();
        fixture.addOffice(office, office, OfficeKind.STANDARD, "central", true, true);
        fixture.addRange(office, "172.20.0.0", "172.20.255.255", "172.20.0.0/16");
        fixture.addRange(office, "172.21.0.10", "172.21.0.20", null);
        fixture.addRvp(office, secondRvp, 1);
        fixture.addRvp(office, firstRvp, 0);
        long revision = fixture.recordEdit(1, 0, 0);

        List<ListOfficesResponse> stream = new ArrayList<>();
        topology.listOffices(ListOfficesRequest.getDefaultInstance()).forEachRemaining(stream::add);

        List<String> ids = stream.stream().map(r -> r.getOffice().getOfficeId()).toList();
        List<String> sorted = new ArrayList<>(ids);
        Collections.sort(sorted);
        assertThat(ids).contains("central", office).isEqualTo(sorted).doesNotHaveDuplicates();
        assertThat(ids).hasSize(directory.offices().size());
        assertThat(stream).allSatisfy(r -> assertThat(r.getTopologyRevision()).isEqualTo(revision));
        Office branch = stream.stream().map(ListOfficesResponse::getOffice).filter(o -> o.getOfficeId().equals(office))
                .findFirst().orElseThrow();
        assertThat(branch.getMetered()).isTrue();
        assertThat(branch.getAllowDirectCdn()).isTrue();
        assertThat(branch.getParentOfficeId()).isEqualTo("central");
        assertThat(branch.getRangesList()).containsExactly("172.20.0.0/16", "172.21.0.10-172.21.0.20");
        assertThat(branch.getPreferredRvpsList()).containsExactly(firstRvp, secondRvp);

        given().get("/offices/" + office).then().statusCode(200)
                .body("preferredRvps", equalTo(List.of(firstRvp, secondRvp)))
                .body("metered", equalTo(true))
                .body("allowDirectCdn", equalTo(true));
        assertThat(resolve("172.21.0.15").getOffice().getPreferredRvpsList()).containsExactly(firstRvp, secondRvp);
    }

    @Test
    void resolveOfficesAnswersEveryAddressInRequestOrderAndRefusesOnlyTheMalformedOnes() {
        String office = unique("lab");
        fixture.addOffice(office, office, OfficeKind.STANDARD, "central");
        fixture.addRange(office, "172.22.0.0", "172.22.255.255", "172.22.0.0/16");
        long revision = fixture.recordEdit(1, 0, 0);
        double invalidBefore = metric("cascade_topology_resolutions_total{result=\"invalid\"");

        ResolveOfficesResponse answer = topology.resolveOffices(ResolveOfficesRequest.newBuilder()
                .addIpAddresses("172.22.1.1").addIpAddresses("10.1.2.300").addIpAddresses("2001:db8:ffff::1")
                .addIpAddresses("172.22.9.9").build());

        assertThat(answer.getTopologyRevision()).isEqualTo(revision);
        assertThat(answer.getAnswersList()).extracting(ResolvedAddress::getIpAddress)
                .containsExactly("172.22.1.1", "10.1.2.300", "2001:db8:ffff::1", "172.22.9.9");
        ResolvedAddress first = answer.getAnswers(0);
        assertThat(first.getOffice().getOfficeId()).isEqualTo(office);
        assertThat(first.getOffice().getOfficeName()).isEqualTo(office);
        assertThat(first.getOffice().getMatchedRange()).isEqualTo("172.22.0.0/16");
        assertThat(first.getOffice().getReason()).isEqualTo("matched range 172.22.0.0/16 of office " + office + " (" + office + ")");
        ResolvedAddress malformed = answer.getAnswers(1);
        assertThat(malformed.hasOffice()).isFalse();
        assertThat(malformed.getError()).contains("'10.1.2.300'");
        ResolvedAddress central = answer.getAnswers(2);
        assertThat(central.getOffice().getOfficeId()).isEqualTo("central");
        assertThat(central.getOffice().getMatchedRange()).isEmpty();
        assertThat(answer.getAnswers(3).getOffice().getOfficeId()).isEqualTo(office);
        assertThat(metric("cascade_topology_resolutions_total{result=\"invalid\"")).isEqualTo(invalidBefore + 1);
        assertThat(resolve("172.22.1.1").getTopologyRevision()).isEqualTo(revision);
    }

    @Test
    void resolveOfficesRefusesAnOversizedBatchAsAWhole() {
        ResolveOfficesRequest tooMany = ResolveOfficesRequest.newBuilder()
                .addAllIpAddresses(IntStream.range(0, 10_001).mapToObj(i -> "10.200." + (i / 256) + "." + (i % 256)).toList())
                .build();

        assertThatThrownBy(() -> topology.resolveOffices(tooMany))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("10000").contains("10001");
                });
    }

    @Test
    void exposesHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem("outbox-relay"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("cascade_topology_resolutions_total", "cascade_topology_offices",
                "cascade_topology_ranges", "cascade_topology_revision", "cascade_outbox_pending{service=\"topology-service\"}",
                "cascade_outbox_published_total{service=\"topology-service\"}",
                "cascade_outbox_publish_failures_total{service=\"topology-service\"}");
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/offices/resolve", "/offices/{officeId}");
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
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
