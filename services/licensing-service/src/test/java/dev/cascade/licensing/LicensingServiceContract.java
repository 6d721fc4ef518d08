package dev.cascade.licensing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.GetSeatRequest;
import dev.cascade.contracts.v1.LicensingServiceGrpc;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.contracts.v1.Register;
import dev.cascade.contracts.v1.Seat;
import dev.cascade.contracts.v1.SeatState;
import dev.cascade.testkit.KafkaTestClient;
import io.quarkus.grpc.GrpcClient;

/**
 * Seats taken from PeerRegistered events on a real Kafka broker, read back through REST and gRPC.
 * Run on H2 with the embedded broker ({@link LicensingServiceTest}) and on SQL Server with Kafka in
 * containers ({@link LicensingServiceSqlServerTest}).
 */
abstract class LicensingServiceContract {

    private static final String TYPE = PeerRegistered.getDescriptor().getFullName();

    @GrpcClient("licensing")
    LicensingServiceGrpc.LicensingServiceBlockingStub licensing;

    private final KafkaTestClient kafka = new KafkaTestClient(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @Test
    void aDeviceTakesOneSeatHoweverOftenItsRegistrationArrives() {
        long before = seatsUsed();
        String device = UUID.randomUUID().toString();
        String firstEvent = UUID.randomUUID().toString();

        publish(device, firstEvent, "pc-0042");
        publish(device, firstEvent, "pc-0042");                       // the same event redelivered
        publish(device, UUID.randomUUID().toString(), "pc-0042");      // the device registering again
        String other = UUID.randomUUID().toString();
        publish(other, UUID.randomUUID().toString(), "pc-0043");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(seatsUsed()).isEqualTo(before + 2));
        // later events for the same device must not add a seat either: wait for the last one, then check again
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/licenses/seats/" + other).then().statusCode(200).body("hostname", equalTo("pc-0043")));
        assertThat(seatsUsed()).isEqualTo(before + 2);

        given().get("/licenses/seats/" + device).then().statusCode(200)
                .body("deviceId", equalTo(device))
                .body("state", equalTo("SEAT_STATE_OVERAGE")); // no license imported yet: counted, not blocked
        given().get("/licenses/usage").then().statusCode(200)
                .body("licenseImported", is(false));

        Seat seat = licensing.getSeat(GetSeatRequest.newBuilder().setDeviceId(device).build());
        assertThat(seat.getState()).isEqualTo(SeatState.SEAT_STATE_OVERAGE);
        assertThat(seat.getAssignedAtUnixMs()).isPositive();
        assertThat(licensing.getSeat(GetSeatRequest.newBuilder().setDeviceId(UUID.randomUUID().toString()).build())
                .getState()).isEqualTo(SeatState.SEAT_STATE_NONE);
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        String poison = UUID.randomUUID().toString();
        kafka.send(Topics.PEER_REGISTRATIONS, poison, new byte[] {(byte) 0xFF, 0x01, 0x02}, poison, TYPE);
        String device = UUID.randomUUID().toString();
        publish(device, UUID.randomUUID().toString(), "pc-after-poison");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/licenses/seats/" + device).then().statusCode(200));
        String dlq = Topics.deadLetter(Topics.PEER_REGISTRATIONS, "licensing-service");
        assertThat(kafka.read(dlq, 50, Duration.ofSeconds(10)))
                .anySatisfy(record -> assertThat(record.key()).isEqualTo(poison));
    }

    @Test
    void unknownDevicesAre404WithTheDeviceNamed() {
        String device = UUID.randomUUID().toString();
        given().get("/licenses/seats/" + device).then().statusCode(404);
    }

    @Test
    void exposesHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("cascade_licensing_seats_used");
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/licenses/usage");
    }

    private long seatsUsed() {
        return given().get("/licenses/usage").then().statusCode(200).extract().jsonPath().getLong("seatsUsed");
    }

    private void publish(String device, String eventId, String hostname) {
        PeerRegistered event = PeerRegistered.newBuilder().setEventId(eventId).setDeviceId(device)
                .setRegistration(Register.newBuilder().setHostname(hostname).setClientVersion("1.0.0"))
                .build();
        kafka.send(Topics.PEER_REGISTRATIONS, device, event.toByteArray(), eventId, TYPE);
    }
}
