package dev.cascade.licensing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.LicenseKeyReason;
import dev.cascade.contracts.v1.LicenseUsageWarning;
import dev.cascade.contracts.v1.LicensingServiceGrpc;
import dev.cascade.contracts.v1.ValidateLicenseKeyRequest;
import dev.cascade.licensing.license.TestLicenses;
import dev.cascade.licensing.service.SeatRetirementJob;
import dev.cascade.licensing.service.UsageRefreshJob;
import io.quarkus.grpc.GrpcClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

/**
 * A month of license usage on a clock the test moves: registrations and heartbeats through Kafka,
 * releases over REST, retirement and the daily refresh run by the test at chosen times. The billing
 * report, the usage warnings (REST and the Kafka topic) and the license's expiry are checked to the seat.
 */
abstract class BillingMonthContract {

    private static final Instant MARCH = Instant.parse("2031-03-01T08:00:00Z");

    @Inject
    ManualClock clock;

    @Inject
    UsageRefreshJob refresh;

    @Inject
    SeatRetirementJob retirement;

    @GrpcClient("licensing")
    LicensingServiceGrpc.LicensingServiceBlockingStub licensing;

    private final PeerActivity peers = new PeerActivity();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void systemTimeAgain() {
        clock.set(Instant.now());
    }

    @Test
    void aMonthWithAnOverage() {
        // The evening before: whatever an earlier test class left in this database is released, and the license imported.
        day(0);
        for (String held : heldSeats()) {
            given().delete("/seats/" + held).then().statusCode(200);
        }
        List<String> warningsBefore = warningIds();
        String licenseKey = "CSC-MONTH-" + run.toUpperCase();
        given().contentType(ContentType.JSON).body(TestLicenses.file(licenseKey, "Month Corp", 10,
                        Instant.parse("2031-01-01T00:00:00Z"), Instant.parse("2032-01-01T00:00:00Z"), Instant.parse("2030-12-20T00:00:00Z")))
                .post("/licenses").then().statusCode(201).body("active", equalTo(true));

        List<String> device = new ArrayList<>();
        for (int i = 0; i <= 12; i++) {
            device.add(UUID.randomUUID().toString()); // device 1 .. 12 (0 unused)
        }
        day(1);
        for (int i = 1; i <= 8; i++) {
            register(device.get(i), "pc-" + i);
        }
        awaitSeatsUsed(8);
        days(2, 5);
        day(6);
        register(device.get(9), "pc-9");                                   // 9 of 10: the 90 % warning
        awaitSeatsUsed(9);
        days(7, 9);
        day(10);
        for (int i = 10; i <= 12; i++) {
            register(device.get(i), "pc-" + i);                            // 12 of 10: the 100 % warning, overage 2
        }
        awaitSeatsUsed(12);
        day(11);
        for (int i = 10; i <= 12; i++) {
            given().delete("/seats/" + device.get(i)).then().statusCode(200).body("state", equalTo("SEAT_STATE_NONE"));
        }
        given().get("/licenses/usage").then().statusCode(200).body("seatsUsed", equalTo(9)).body("warningLevel", equalTo(90));
        day(12);
        register(device.get(10), "pc-10");                                 // back to 10 of 10: warns at 100 % again
        awaitSeatsUsed(10);
        days(13, 14);
        day(15);
        for (int i = 1; i <= 5; i++) {
            peers.heartbeat(device.get(i), clock.instant());
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/seats/" + device.get(5)).then().statusCode(200).body("lastSeenAt", equalTo(clock.instant().toString())));
        days(16, 20);
        day(21);
        // retire after 10 days: 6, 7, 8 (last seen on the 1st) and 9 (the 6th) go; 10 (the 12th) and 1 – 5 (the 15th) stay
        assertThat(retirement.run()).isEqualTo(4);
        given().get("/licenses/usage").then().statusCode(200).body("seatsUsed", equalTo(6)).body("warningLevel", equalTo(0));
        given().get("/seats?state=released&q=" + device.get(7)).then().statusCode(200)
                .body("items[0].releaseReason", equalTo("RETIRED"));
        days(22, 24);
        day(25);
        peers.heartbeat(device.get(7), clock.instant());                  // a retired client heard from again
        awaitSeatsUsed(7);
        days(26, 31);

        JsonPath report = given().get("/billing/report?from=2031-03-01&to=2031-03-31").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath();
        long[] peak = new long[32];
        long[] overage = new long[32];
        for (int i = 0; i < 31; i++) {
            Map<String, Object> day = report.getMap("days[" + i + "]");
            assertThat(day.get("day")).isEqualTo(LocalDate.of(2031, 3, i + 1).toString());
            assertThat(day.get("purchasedSeats")).as("day %d", i + 1).isEqualTo(10);
            assertThat(day.get("recorded")).as("day %d", i + 1).isEqualTo(true);
            peak[i + 1] = ((Number) day.get("peakInstalledClients")).longValue();
            overage[i + 1] = ((Number) day.get("overage")).longValue();
        }
        assertThat(slice(peak, 1, 5)).containsOnly(8);
        assertThat(slice(peak, 6, 9)).containsOnly(9);
        assertThat(peak[10]).isEqualTo(12);
        assertThat(peak[11]).isEqualTo(12);                                // held at midnight, before the releases
        assertThat(slice(peak, 12, 21)).containsOnly(10);                  // the 21st: 10 until the retirement
        assertThat(slice(peak, 22, 24)).containsOnly(6);
        assertThat(slice(peak, 25, 31)).containsOnly(7);
        assertThat(overage[10]).isEqualTo(2);
        assertThat(overage[11]).isEqualTo(2);
        assertThat(slice(overage, 1, 9)).containsOnly(0);
        assertThat(slice(overage, 12, 31)).containsOnly(0);
        assertThat(report.getLong("peakInstalledClients")).isEqualTo(12);
        assertThat(report.getLong("maxOverage")).isEqualTo(2);
        assertThat(report.getLong("overageDays")).isEqualTo(2);
        assertThat(report.getLong("overageSeatDays")).isEqualTo(4);

        String csv = given().accept("text/csv").get("/billing/report?from=2031-03-09&to=2031-03-12").then().statusCode(200)
                .contentType("text/csv").extract().asString();
        assertThat(csv).isEqualTo("""
                day,peak_installed_clients,purchased_seats,overage,recorded
                2031-03-09,9,10,0,true
                2031-03-10,12,10,2,true
                2031-03-11,12,10,2,true
                2031-03-12,10,10,0,true
                """);
        assertThat(given().get("/billing/report?from=2031-03-10&to=2031-03-10&format=csv").then().statusCode(200)
                .extract().asString()).contains("2031-03-10,12,10,2,true");

        // Warnings: 90 % on the 6th, 100 % on the 10th, 100 % again on the 12th; none while staying above.
        List<Map<String, Object>> warnings = newWarnings(warningsBefore);
        assertThat(warnings).extracting(w -> w.get("thresholdPercent")).containsExactly(100, 100, 90);
        assertThat(warnings).extracting(w -> w.get("seatsUsed")).containsExactly(10, 10, 9); // the 10th of 12 seats crossed 100 %
        assertThat(warnings).extracting(w -> w.get("occurredAt"))
                .containsExactly(at(12).toString(), at(10).toString(), at(6).toString());
        assertThat(warnings).extracting(w -> w.get("licenseKey")).containsOnly(licenseKey);
        List<String> ids = warnings.stream().map(w -> (String) w.get("eventId")).toList();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(publishedWarnings().keySet()).containsAll(ids));
        Map<String, LicenseUsageWarning> published = publishedWarnings();
        // on the topic in the order they occurred: 90 %, 100 %, 100 % again
        assertThat(published.keySet().stream().filter(ids::contains).toList()).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(ids.stream().map(id -> published.get(id).getThresholdPercent()).toList()).containsExactly(100, 100, 90);
        assertThat(ids.stream().map(id -> published.get(id).getOccurredAtUnixMs()).toList())
                .containsExactly(at(12).toEpochMilli(), at(10).toEpochMilli(), at(6).toEpochMilli());
        assertThat(published.get(ids.get(1)).getSeatsPurchased()).isEqualTo(10);
        assertThat(published.get(ids.get(1)).getCustomer()).isEqualTo("Month Corp");

        // The license expires: no seat is purchased any more, everything is overage and warned about; the key is refused.
        clock.set(Instant.parse("2032-01-01T00:00:01Z"));
        refresh.run();
        given().get("/licenses/current").then().statusCode(404);
        given().get("/licenses/usage").then().statusCode(200).body("seatsPurchased", equalTo(0)).body("overage", equalTo(7))
                .body("warningLevel", equalTo(100));
        List<Map<String, Object>> afterExpiry = newWarnings(warningsBefore);
        assertThat(afterExpiry).hasSize(4);
        String expiryWarning = (String) afterExpiry.get(0).get("eventId");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(publishedWarnings()).containsKey(expiryWarning));
        assertThat(publishedWarnings().keySet().stream().filter(id -> id.equals(expiryWarning) || ids.contains(id)).toList())
                .containsExactly(ids.get(2), ids.get(1), ids.get(0), expiryWarning);
        assertThat(publishedWarnings().get(expiryWarning).getSeatsPurchased()).isZero();
        var validation = licensing.validateLicenseKey(ValidateLicenseKeyRequest.newBuilder().setLicenseKey(licenseKey).build());
        assertThat(validation.getValid()).isFalse();
        assertThat(validation.getReason()).isEqualTo(LicenseKeyReason.LICENSE_KEY_REASON_EXPIRED);
        assertThat(validation.getDetail()).contains("expired at 2032-01-01T00:00:00Z");
    }

    /** 08:00 UTC on day {@code dayOfMonth} of March 2031 (day 0 is the evening before the 1st). */
    private static Instant at(int dayOfMonth) {
        return dayOfMonth == 0 ? MARCH.minus(Duration.ofHours(12)) : MARCH.plus(Duration.ofDays(dayOfMonth - 1));
    }

    /** Moves the clock to the day and runs the refresh job, as it would run once that day. */
    private void day(int dayOfMonth) {
        clock.set(at(dayOfMonth));
        refresh.run();
    }

    private void days(int first, int last) {
        for (int d = first; d <= last; d++) {
            day(d);
        }
    }

    private void register(String device, String hostname) {
        peers.register(device, hostname, clock.instant());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/seats/" + device).then().statusCode(200).body("assignedAt", equalTo(clock.instant().toString())));
    }

    private static void awaitSeatsUsed(int seats) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/licenses/usage").then().statusCode(200).body("seatsUsed", equalTo(seats)));
    }

    private static List<String> heldSeats() {
        return given().get("/seats?size=1000").then().statusCode(200).extract().jsonPath().getList("items.deviceId", String.class);
    }

    private static List<String> warningIds() {
        return given().get("/licenses/warnings?limit=1000").then().statusCode(200).extract().jsonPath().getList("eventId", String.class);
    }

    private static List<Map<String, Object>> newWarnings(List<String> before) {
        List<Map<String, Object>> all = given().get("/licenses/warnings?limit=1000").then().statusCode(200).extract().jsonPath()
                .getList("$");
        return all.stream().filter(w -> !before.contains((String) w.get("eventId"))).toList();
    }

    /** The warnings on the topic by event id, in topic order (a warning published twice counts where it came first). */
    private Map<String, LicenseUsageWarning> publishedWarnings() {
        return peers.kafka.read(Topics.LICENSING_USAGE_WARNINGS, 1000, Duration.ofSeconds(3)).stream()
                .map(BillingMonthContract::parse)
                .collect(Collectors.toMap(LicenseUsageWarning::getEventId, w -> w, (a, b) -> a, LinkedHashMap::new));
    }

    private static LicenseUsageWarning parse(ConsumerRecord<String, byte[]> record) {
        assertThat(record.key()).isEqualTo(Topics.LICENSING_USAGE_WARNINGS_KEY);
        LicenseUsageWarning warning;
        try {
            warning = LicenseUsageWarning.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a LicenseUsageWarning on " + Topics.LICENSING_USAGE_WARNINGS, e);
        }
        assertThat(EventHeaders.required(record.headers(), EventHeaders.EVENT_ID)).isEqualTo(warning.getEventId());
        assertThat(EventHeaders.required(record.headers(), EventHeaders.EVENT_TYPE))
                .isEqualTo(LicenseUsageWarning.getDescriptor().getFullName());
        return warning;
    }

    private static long[] slice(long[] values, int from, int to) {
        long[] slice = new long[to - from + 1];
        System.arraycopy(values, from, slice, 0, slice.length);
        return slice;
    }
}
