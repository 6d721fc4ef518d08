package dev.cascade.topology;

import static io.restassured.RestAssured.given;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.TopologyChanged;
import dev.cascade.testkit.KafkaTestClient;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** The REST calls and checks the topology REST tests share. */
final class TopologyApi {

    static final String CSV = "text/csv";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String HEADER = "office_id,name,type,parent_id,subnets,preferred_rvps,metered,allow_direct_cdn\n";

    /**
     * The topology each test starts from: the server (10.0.0.10) in the central office; Berlin with a
     * Wi-Fi sub-office whose subnet lies between the wired office's ranges; Munich under Berlin.
     */
    static final String BASELINE = HEADER
            + "central,Central office,Standard,,10.0.0.0/16,,false,false\n"
            + "berlin,Berlin,Standard,central,10.2.0.0-10.2.4.255; 10.2.6.0/23; 2001:db8:2::/48,,false,false\n"
            + "berlin-wifi,Berlin Wi-Fi,Wi-Fi,berlin,10.2.5.0/24,,false,false\n"
            + "munich,Munich,Standard,berlin,10.3.0.0/16,,false,true\n";

    /** How long the server lets an import's transaction run (TopologyStore: 300 s). */
    static final int LARGE_IMPORT_TIMEOUT_MS = 300_000;

    private TopologyApi() {
    }

    static ValidatableResponse upload(String csv, boolean dryRun) {
        return upload(csv.getBytes(StandardCharsets.UTF_8), CSV, "dryRun=" + dryRun);
    }

    static ValidatableResponse upload(byte[] body, String contentType, String query) {
        return patiently().contentType(contentType).body(body).post("/topology/import?" + query).then();
    }

    /**
     * Uploads a large body as a stream (sent chunked, without Content-Length): REST Assured keeps a
     * printout of every byte[] body it sends, in case the test fails, which would take gigabytes.
     */
    static ValidatableResponse uploadLarge(byte[] body, String contentType, String query) {
        return patiently().contentType(contentType).body(new ByteArrayInputStream(body)).post("/topology/import?" + query).then();
    }

    /**
     * A request whose answer is awaited as long as the server lets an import's transaction run
     * ({@link #LARGE_IMPORT_TIMEOUT_MS}), not Quarkus's 30 s test default: a 10 000-office apply took
     * over 30 s on a loaded CI machine.
     */
    static RequestSpecification patiently() {
        RestAssuredConfig config = RestAssured.config();
        HttpClientConfig patient = config.getHttpClientConfig().setParam("http.socket.timeout", LARGE_IMPORT_TIMEOUT_MS);
        return given().config(config.httpClient(patient));
    }

    /** Applies {@code csv} and returns the revision after it. */
    static long apply(String csv) {
        return upload(csv, false).statusCode(200).extract().jsonPath().getLong("revision");
    }

    static String offices() {
        return given().get("/offices").then().statusCode(200).extract().asString();
    }

    /** The value of the first Prometheus sample whose line starts with {@code prefix}. */
    static double metric(String prefix) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no metric " + prefix + " in /q/metrics"));
    }

    static double imports(String outcome) {
        return metric("cascade_topology_imports_total{outcome=\"" + outcome + "\"");
    }

    /**
     * The TopologyChanged events of {@code revision} changed at or after {@code sinceMillis}: other
     * test classes' databases share the broker and count their own revisions.
     */
    static List<TopologyChanged> events(String bootstrapServers, long revision, long sinceMillis) {
        return new KafkaTestClient(bootstrapServers).readAll(Topics.TOPOLOGY_CHANGES).stream().map(record -> {
            try {
                return TopologyChanged.parseFrom(record.value());
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("not a TopologyChanged: " + e.getMessage(), e);
            }
        }).filter(event -> event.getRevision() == revision && event.getChangedAtUnixMs() >= sinceMillis).toList();
    }
}
