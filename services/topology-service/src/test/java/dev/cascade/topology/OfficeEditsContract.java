package dev.cascade.topology;

import static dev.cascade.topology.TopologyApi.BASELINE;
import static dev.cascade.topology.TopologyApi.apply;
import static dev.cascade.topology.TopologyApi.offices;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.TopologyChangeTrigger;
import dev.cascade.contracts.v1.TopologyChanged;
import dev.cascade.topology.service.OfficeDirectory;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

/**
 * Offices created, replaced and deleted one at a time over REST, validated against the whole
 * topology like an import, on H2 ({@link OfficeEditsTest}) and SQL Server in a container
 * ({@link OfficeEditsSqlServerTest}). Every test starts from {@link TopologyApi#BASELINE}.
 */
abstract class OfficeEditsContract {

    private static final String RVP = "3f2b8c1e-9a4d-4e5f-8b6a-1c2d3e4f5a6b";

    @Inject
    OfficeDirectory directory;

    private final String bootstrapServers = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);

    @BeforeEach
    void startFromTheBaseline() {
        FakeMetadataService.reset();
        apply(BASELINE);
    }

    @Test
    void anOfficeIsCreatedReadReplacedAndDeleted() {
        long revision = directory.storedRevision();
        long start = System.currentTimeMillis();

        post("{\"id\": \"hamburg\", \"name\": \"Hamburg\", \"type\": \"standard\", \"parentId\": \"central\","
                + " \"ranges\": [\"10.4.0.0/16\", \"10.5.0.10 - 10.5.0.99\", \"2001:DB8:4::/48\"], \"metered\": true}")
                .statusCode(201)
                .header("Location", endsWith("/offices/hamburg"))
                .body("officeId", equalTo("hamburg"))
                .body("type", equalTo("STANDARD"))
                .body("metered", equalTo(true))
                .body("allowDirectCdn", equalTo(false))
                .body("ranges.collect { it.cidr ?: it.firstAddress + '-' + it.lastAddress }",
                        contains("10.4.0.0/16", "10.5.0.10-10.5.0.99", "2001:db8:4::/48"))
                .body("path", contains("hamburg", "central"))
                .body("topologyRevision", equalTo((int) revision + 1));
        given().queryParam("ip", "10.5.0.50").get("/offices/resolve").then().body("office.officeId", equalTo("hamburg"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(TopologyApi.events(bootstrapServers, revision + 1, start)).hasSize(1));
        TopologyChanged created = TopologyApi.events(bootstrapServers, revision + 1, start).get(0);
        assertThat(created.getTrigger()).isEqualTo(TopologyChangeTrigger.TOPOLOGY_CHANGE_TRIGGER_OFFICE_EDIT);
        assertThat(created.getOfficesAdded()).isEqualTo(1);

        put("hamburg", "{\"name\": \"Hamburg Hafen\", \"type\": \"Wi-Fi\", \"parentId\": \"berlin\","
                + " \"ranges\": [\"10.4.0.0/16\"], \"preferredRvps\": [\"" + RVP.toUpperCase() + "\"], \"allowDirectCdn\": true}")
                .statusCode(200)
                .body("name", equalTo("Hamburg Hafen"))
                .body("type", equalTo("WIFI"))
                .body("metered", equalTo(false))
                .body("allowDirectCdn", equalTo(true))
                .body("preferredRvps", contains(RVP))
                .body("path", contains("hamburg", "berlin", "central"))
                .body("topologyRevision", equalTo((int) revision + 2));
        given().get("/offices/hamburg").then().statusCode(200).body("ranges.cidr", contains("10.4.0.0/16"));
        given().queryParam("ip", "10.5.0.50").get("/offices/resolve").then().body("office.officeId", equalTo("central"));

        given().delete("/offices/hamburg").then().statusCode(204);
        given().get("/offices/hamburg").then().statusCode(404);
        given().queryParam("ip", "10.4.0.1").get("/offices/resolve").then().body("office.officeId", equalTo("central"));
        assertThat(directory.storedRevision()).isEqualTo(revision + 3);
    }

    @Test
    void replacingAnOfficeWithItselfChangesNothing() {
        long revision = directory.storedRevision();

        put("munich", "{\"name\": \"Munich\", \"type\": \"Standard\", \"parentId\": \"berlin\", \"ranges\": [\"10.3.0.0/16\"],"
                + " \"allowDirectCdn\": true}").statusCode(200).body("topologyRevision", equalTo((int) revision));

        assertThat(directory.storedRevision()).isEqualTo(revision);
    }

    @Test
    void aParentThatWouldMakeACycleIsRefused() {
        String before = offices();

        put("berlin", "{\"name\": \"Berlin\", \"type\": \"Standard\", \"parentId\": \"munich\","
                + " \"ranges\": [\"10.2.0.0-10.2.4.255\", \"10.2.6.0/23\"]}")
                .statusCode(422)
                .body("problems.code", contains("PARENT_CYCLE"))
                .body("problems[0].column", equalTo("parent_id"))
                .body("problems[0].officeIds", containsInAnyOrder("berlin", "munich"))
                .body("problems[0].message", containsString("form a cycle of parents"));

        assertThat(offices()).isEqualTo(before);
    }

    @Test
    void anOfficeWithSubOfficesCannotBeDeletedAndTheyAreNamed() {
        given().delete("/offices/berlin").then().statusCode(409)
                .body("message", equalTo("office 'berlin' has sub-offices 'berlin-wifi', 'munich': delete them or give them"
                        + " another parent first"));
        given().get("/offices/berlin").then().statusCode(200);
    }

    @Test
    void theCentralOfficeCannotBeDeleted() {
        given().delete("/offices/central").then().statusCode(409)
                .body("message", containsString("'central' is the central office and cannot be deleted"));
    }

    @Test
    void unknownOfficesAndParentsAreNamed() {
        post("{\"id\": \"potsdam\", \"name\": \"Potsdam\", \"type\": \"Standard\", \"parentId\": \"Berlin\"}")
                .statusCode(422)
                .body("problems.code", contains("UNKNOWN_PARENT"))
                .body("problems[0].message", equalTo("parent_id \"Berlin\" of office \"potsdam\" names no office (ids are"
                        + " case-sensitive here: did you mean \"berlin\"?)"));
        put("nowhere", "{\"name\": \"Nowhere\", \"type\": \"Standard\", \"parentId\": \"central\"}").statusCode(404)
                .body("message", equalTo("office 'nowhere' does not exist"));
        given().delete("/offices/nowhere").then().statusCode(404).body("message", equalTo("office 'nowhere' does not exist"));
        given().get("/offices/potsdam").then().statusCode(404);
    }

    @Test
    void everyUnreadableFieldAndEveryRuleBrokenIsReportedAtOnce() {
        post("{\"id\": \"bad id\", \"name\": \"Munich\", \"type\": \"Wired\", \"parentId\": \"central\","
                + " \"ranges\": [\"10.9.1.7/24\", \"10.3.5.0/24\"], \"preferredRvps\": [\"laptop-17\"]}")
                .statusCode(422)
                .body("message", startsWith("nothing was changed: invalid topology"))
                .body("problems.code", contains("INVALID_VALUE", "MALFORMED_RANGE"))
                .body("problems.column", contains("type", "subnets"))
                .body("problems[1].message", equalTo("subnet \"10.9.1.7/24\" of office \"bad id\" has host bits set"
                        + " (the network is 10.9.1.0/24)"));
        post("{\"id\": \"bad id\", \"name\": \"munich\", \"type\": \"Standard\", \"parentId\": \"central\","
                + " \"ranges\": [\"10.3.5.0/24\"], \"preferredRvps\": [\"laptop-17\"]}")
                .statusCode(422)
                .body("problems.code", hasItems("INVALID_ID", "DUPLICATE_NAME", "INVALID_RVP", "OVERLAPPING_RANGES"));
        given().contentType("application/json").post("/offices").then().statusCode(400)
                .body("message", containsString("the request body must be an office as JSON"));
    }

    @Test
    void anExistingIdIsAConflictAndAnIdCannotChange() {
        post("{\"id\": \"munich\", \"name\": \"Munich 2\", \"type\": \"Standard\", \"parentId\": \"central\"}")
                .statusCode(409).body("message", equalTo("office 'munich' exists already: change it with PUT /offices/munich"));
        put("munich", "{\"id\": \"muenchen\", \"name\": \"Munich\", \"type\": \"Standard\", \"parentId\": \"berlin\"}")
                .statusCode(422).body("message", containsString("the body's id 'muenchen' is not the path's 'munich'"));
    }

    @Test
    void theServerMustStayInTheCentralOffice() {
        put("central", "{\"name\": \"Central office\", \"type\": \"Standard\", \"ranges\": [\"10.9.0.0/16\"]}")
                .statusCode(422)
                .body("problems.code", contains("SERVER_OUTSIDE_CENTRAL"))
                .body("problems[0].officeIds", contains("central"));
        given().get("/offices/central").then().body("ranges.cidr", contains("10.0.0.0/16"))
                .body("path", contains("central"))
                .body("parentOfficeId", nullValue());
    }

    @Test
    void concurrentEditsApplyOneAfterTheOther() throws Exception {
        long revision = directory.storedRevision();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<Integer>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                String body = "{\"id\": \"race-" + i + "\", \"name\": \"Race " + i + "\", \"type\": \"Standard\","
                        + " \"parentId\": \"central\", \"ranges\": [\"10.50.0.0/16\"]}";
                answers.add(pool.submit(() -> post(body).extract().statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            // each edit validates against the topology the previous one left: only one gets the range
            assertThat(statuses).containsOnly(201, 422).filteredOn(status -> status == 201).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(directory.storedRevision()).isEqualTo(revision + 1);
        given().get("/offices").then().body("findAll { it.officeId.startsWith('race-') }", hasSize(1));
    }

    private static ValidatableResponse post(String json) {
        return given().contentType("application/json").body(json).post("/offices").then();
    }

    private static ValidatableResponse put(String officeId, String json) {
        return given().contentType("application/json").body(json).put("/offices/" + officeId).then();
    }
}
