package dev.cascade.licensing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.GetSeatRequest;
import dev.cascade.contracts.v1.GetUsageRequest;
import dev.cascade.contracts.v1.LicenseKeyReason;
import dev.cascade.contracts.v1.LicenseKeyValidation;
import dev.cascade.contracts.v1.LicensingServiceGrpc;
import dev.cascade.contracts.v1.Seat;
import dev.cascade.contracts.v1.SeatState;
import dev.cascade.contracts.v1.ValidateLicenseKeyRequest;
import dev.cascade.licensing.license.LicenseDocument;
import dev.cascade.licensing.license.LicenseFileFormat;
import dev.cascade.licensing.license.TestLicenses;
import dev.cascade.licensing.license.TrustedKeys;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.restassured.http.ContentType;

/**
 * Seats taken from registrations and heartbeats on a real Kafka broker, license files imported over
 * REST, read back through REST and gRPC. Run on H2 with the embedded broker ({@link LicensingServiceTest})
 * and on SQL Server with Kafka in containers ({@link LicensingServiceSqlServerTest}). The test methods
 * share one database, so they assert on their own devices and on changes, not on totals.
 */
abstract class LicensingServiceContract {

    @GrpcClient("licensing")
    LicensingServiceGrpc.LicensingServiceBlockingStub licensing;

    private final PeerActivity peers = new PeerActivity();

    @Test
    void aDeviceTakesOneSeatHoweverOftenItsRegistrationArrives() {
        long before = seatsUsed();
        String device = UUID.randomUUID().toString();
        // in the past: activity is never counted later than the service's clock
        Instant now = Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.MILLIS);
        String firstEvent = UUID.randomUUID().toString();

        peers.register(device, "pc-0042", now, firstEvent);
        peers.register(device, "pc-0042", now, firstEvent);                        // the same event redelivered
        peers.register(device, "pc-0042", now.plusSeconds(1));                     // the device registering again
        peers.register(device, "pc-0042", now.minusSeconds(5));                    // an older registration arriving late
        peers.heartbeat(device, now.plusSeconds(1));                               // within last-seen-resolution: no write
        peers.heartbeat(device, now.plusSeconds(600));
        String other = UUID.randomUUID().toString();
        peers.register(other, "pc-0043", now);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(seatsUsed()).isEqualTo(before + 2));
        // later events for the same device must not add a seat either: wait for the last ones, then check again
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().get("/seats/" + other).then().statusCode(200).body("hostname", equalTo("pc-0043"));
            given().get("/seats/" + device).then().statusCode(200).body("lastSeenAt", equalTo(now.plusSeconds(600).toString()));
        });
        assertThat(seatsUsed()).isEqualTo(before + 2);

        given().get("/seats/" + device).then().statusCode(200)
                .body("deviceId", equalTo(device))
                .body("assignedAt", equalTo(now.toString()));

        Seat seat = licensing.getSeat(GetSeatRequest.newBuilder().setDeviceId(device).build());
        assertThat(seat.getState()).isIn(SeatState.SEAT_STATE_LICENSED, SeatState.SEAT_STATE_OVERAGE);
        assertThat(seat.getAssignedAtUnixMs()).isEqualTo(now.toEpochMilli());
        assertThat(licensing.getSeat(GetSeatRequest.newBuilder().setDeviceId(UUID.randomUUID().toString()).build())
                .getState()).isEqualTo(SeatState.SEAT_STATE_NONE);
        assertThat(licensing.getUsage(GetUsageRequest.getDefaultInstance()).getSeatsUsed()).isGreaterThanOrEqualTo(before + 2);
    }

    @Test
    void aReleasedSeatIsTakenAgainByNewerActivityOnlyNeverByAReplayedOrLateEvent() {
        String device = UUID.randomUUID().toString();
        Instant registered = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);
        String registration = peers.register(device, "pc-retired", registered);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/seats/" + device).then().statusCode(200));
        long before = seatsUsed();

        given().delete("/seats/" + device).then().statusCode(200).body("releaseReason", equalTo("RELEASED"))
                .body("state", equalTo("SEAT_STATE_NONE"));
        given().get("/seats/" + device).then().statusCode(404);
        given().delete("/seats/" + device).then().statusCode(404).body("message", containsString(device));
        assertThat(seatsUsed()).isEqualTo(before - 1);
        double lateBefore = metric("cascade_licensing_events_before_release_total");

        peers.register(device, "pc-retired", registered, registration);          // the same event, redelivered
        peers.register(device, "pc-retired", registered.plusSeconds(60));          // an older registration, delivered late
        peers.heartbeat(device, registered.plusSeconds(120));                      // an older heartbeat, delivered late
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(metric("cascade_licensing_events_before_release_total")).isEqualTo(lateBefore + 2));
        given().get("/seats/" + device).then().statusCode(404);
        assertThat(seatsUsed()).isEqualTo(before - 1);

        Instant back = Instant.now().truncatedTo(ChronoUnit.MILLIS); // after the release, not after the processing
        peers.register(device, "pc-reinstalled", back);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/seats/" + device).then().statusCode(200)
                .body("hostname", equalTo("pc-reinstalled")).body("assignedAt", equalTo(back.toString())));
        assertThat(seatsUsed()).isEqualTo(before);
    }

    @Test
    void aHeartbeatFromADeviceWhoseRegistrationHasNotArrivedTakesASeat() {
        String device = UUID.randomUUID().toString();
        Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        peers.heartbeat(device, at);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/seats/" + device).then().statusCode(200).body("assignedAt", equalTo(at.toString())));
        peers.register(device, "pc-late-registration", at.minusSeconds(30));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/seats?q=pc-late-registration").then().statusCode(200).body("total", equalTo(0)));
        // the registration is older than the heartbeat: it neither moves last seen back nor takes a second seat
        given().get("/seats/" + device).then().statusCode(200).body("lastSeenAt", equalTo(at.toString()));
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        String poison = UUID.randomUUID().toString();
        peers.kafka.send(Topics.PEER_REGISTRATIONS, poison, new byte[] {(byte) 0xFF, 0x01, 0x02}, poison, PeerActivity.REGISTERED);
        String device = UUID.randomUUID().toString();
        peers.register(device, "pc-after-poison", Instant.now());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/seats/" + device).then().statusCode(200));
        String dlq = Topics.deadLetter(Topics.PEER_REGISTRATIONS, "licensing-service");
        assertThat(peers.kafka.read(dlq, 50, Duration.ofSeconds(10)))
                .anySatisfy(record -> assertThat(record.key()).isEqualTo(poison));
    }

    @Test
    void seatsArePagedAndFiltered() {
        String prefix = "pc-page-" + UUID.randomUUID().toString().substring(0, 6);
        Instant at = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        for (int i = 0; i < 3; i++) {
            peers.register(UUID.randomUUID().toString(), prefix + "-" + i, at.plusMillis(i));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/seats?q=" + prefix).then().statusCode(200).body("total", equalTo(3)));
        given().get("/seats?q=" + prefix.toUpperCase() + "&size=2&page=1").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].hostname", equalTo(prefix + "-2"))
                .body("page", equalTo(1)).body("size", equalTo(2)).body("total", equalTo(3));
        given().get("/seats?state=sideways").then().statusCode(400).body("message", containsString("expected held, released or all"));
        given().get("/seats?size=0").then().statusCode(400).body("message", containsString("size is 0"));
    }

    @Test
    void aLicenseFileSetsThePurchasedSeatsAndTheLicenseIssuedLastCounts() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String key = "CSC-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        String first = TestLicenses.file(key, "Example Corp", 50, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)),
                now.minus(Duration.ofDays(2)));
        given().contentType(ContentType.JSON).body(first).post("/licenses").then().statusCode(201)
                .body("licenseKey", equalTo(key)).body("seats", equalTo(50)).body("active", is(true));
        given().get("/licenses/usage").then().statusCode(200).body("seatsPurchased", equalTo(50)).body("licenseImported", is(true));
        given().contentType(ContentType.TEXT).body(first).post("/licenses").then().statusCode(200).body("active", is(true));

        String upgrade = TestLicenses.file(key, "Example Corp", 70, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)),
                now.minus(Duration.ofDays(1)));
        given().contentType(ContentType.JSON).body(upgrade).post("/licenses").then().statusCode(201).body("active", is(true));
        String older = TestLicenses.file(key, "Example Corp", 10, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)),
                now.minus(Duration.ofDays(3)));
        given().contentType(ContentType.JSON).body(older).post("/licenses").then().statusCode(201).body("active", is(false));

        given().get("/licenses/current").then().statusCode(200).body("seats", equalTo(70)).body("customer", equalTo("Example Corp"));
        given().get("/licenses/usage").then().statusCode(200).body("seatsPurchased", equalTo(70));
        List<Integer> seats = given().get("/licenses").then().statusCode(200).extract().jsonPath().getList("findAll { it.licenseKey == '"
                + key + "' }.seats", Integer.class);
        assertThat(seats).containsExactly(10, 70, 50); // the newest import first
        assertThat(metric("cascade_licensing_seats_purchased")).isEqualTo(70);

        LicenseKeyValidation valid = licensing.validateLicenseKey(ValidateLicenseKeyRequest.newBuilder().setLicenseKey(key).build());
        assertThat(valid.getValid()).isTrue();
        assertThat(valid.getReason()).isEqualTo(LicenseKeyReason.LICENSE_KEY_REASON_VALID);
        assertThat(valid.getSeats()).isEqualTo(70);
        assertThat(valid.getCustomer()).isEqualTo("Example Corp");
        assertThat(valid.getActive()).isTrue();
        assertThat(valid.getValidUntilUnixMs()).isEqualTo(now.plus(Duration.ofDays(365)).toEpochMilli());
        LicenseKeyValidation unknown = licensing.validateLicenseKey(ValidateLicenseKeyRequest.newBuilder()
                .setLicenseKey("CSC-NEVER-IMPORTED").build());
        assertThat(unknown.getValid()).isFalse();
        assertThat(unknown.getReason()).isEqualTo(LicenseKeyReason.LICENSE_KEY_REASON_UNKNOWN);
        assertThat(unknown.getDetail()).contains("CSC-NEVER-IMPORTED");
        assertThatThrownBy(() -> licensing.validateLicenseKey(ValidateLicenseKeyRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void refusedLicenseFilesSayWhyAndChangeNothing() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String good = TestLicenses.file("CSC-REFUSED-0001", "Refused Corp", 5, now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
        int imported = licenseCount();
        long purchased = given().get("/licenses/usage").then().extract().jsonPath().getLong("seatsPurchased");

        refused(good.replace("\"seats\" : 5", "\"seats\" : 5000"), 422, "TAMPERED", "signature does not match");
        refused(TestLicenses.file("CSC-REFUSED-0002", "Refused Corp", 5, now.minus(Duration.ofDays(60)),
                now.minus(Duration.ofDays(1)), now.minus(Duration.ofDays(60))), 422, "EXPIRED", "expired");
        refused(TestLicenses.file("CSC-REFUSED-0003", "Refused Corp", 5, now.plus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(30)), now), 422, "NOT_YET_VALID", "not valid yet");
        var stranger = TestLicenses.newKeyPair();
        String strangerId = TrustedKeys.keyId(stranger.getPublic());
        LicenseDocument terms = LicenseFileFormat.read(good);
        refused(LicenseFileFormat.write(TestLicenses.sign(terms, stranger.getPrivate(), strangerId)), 422, "UNKNOWN_SIGNING_KEY",
                strangerId);
        refused(good.replace("\"seats\" : 5", "\"seats\" : \"five\""), 400, "MALFORMED", "field 'seats'");
        refused("not a license", 400, "MALFORMED", "not JSON");

        assertThat(licenseCount()).isEqualTo(imported);
        given().get("/licenses/usage").then().body("seatsPurchased", equalTo((int) purchased));
        assertThat(metric("cascade_licensing_license_imports_total", "outcome=\"tampered\"")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void unknownDevicesAre404WithTheDeviceNamed() {
        String device = UUID.randomUUID().toString();
        given().get("/seats/" + device).then().statusCode(404).body("message", containsString(device));
    }

    @Test
    void billingReportParametersAreChecked() {
        given().get("/billing/report?from=2026-03-01").then().statusCode(400).body("message", containsString("'to' is missing"));
        given().get("/billing/report?from=2026-03-01&to=2026-02-01").then().statusCode(400)
                .body("message", containsString("before"));
        given().get("/billing/report?from=2026-3-1&to=2026-03-02").then().statusCode(400)
                .body("message", containsString("'from' is '2026-3-1'"));
        given().get("/billing/report?from=2026-03-01&to=2026-03-02&format=xml").then().statusCode(400);
    }

    @Test
    void exposesHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("checks.name", hasItem("outbox-relay"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("cascade_licensing_seats_used", "cascade_licensing_seats_purchased",
                "cascade_licensing_seats_overage", "cascade_licensing_usage_ratio",
                "cascade_licensing_usage_warnings_total{threshold=\"90\"}", "cascade_licensing_usage_warnings_total{threshold=\"100\"}",
                "cascade_outbox_pending{service=\"licensing-service\"}",
                "cascade_outbox_published_total{service=\"licensing-service\"}",
                "cascade_outbox_publish_failures_total{service=\"licensing-service\"}");
        assertThat(metrics).doesNotContain("cascade_licensing_warnings_");
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/licenses/usage", "/licenses/current", "/seats/{deviceId}", "/billing/report");
    }

    private void refused(String file, int status, String reason, String messagePart) {
        given().contentType(ContentType.JSON).body(file).post("/licenses").then().statusCode(status)
                .body("reason", equalTo(reason)).body("message", containsString(messagePart));
    }

    private static int licenseCount() {
        return given().get("/licenses").then().statusCode(200).extract().jsonPath().getList("$").size();
    }

    private static long seatsUsed() {
        return given().get("/licenses/usage").then().statusCode(200).extract().jsonPath().getLong("seatsUsed");
    }

    private static double metric(String name) {
        return metric(name, "");
    }

    /** The sum of a metric's samples whose labels contain {@code labelPart}. */
    private static double metric(String name, String labelPart) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> line.contains(labelPart))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }
}
