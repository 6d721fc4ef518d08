package dev.cascade.metadata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.contracts.v1.Register;
import dev.cascade.contracts.v1.SeatState;
import dev.cascade.testkit.KafkaTestClient;
import io.restassured.path.json.JsonPath;

/**
 * The peer registry fed by PeerRegistered events on a real embedded Kafka broker, read back over
 * REST. topology-service and licensing-service are real gRPC servers in this test serving fakes,
 * so that the test can take them down. Run on H2 with the embedded broker ({@link MetadataServiceTest}) and on
 * SQL Server with Kafka in containers ({@link MetadataServiceSqlServerTest}).
 */
abstract class MetadataServiceContract {

    private static final String TYPE = PeerRegistered.getDescriptor().getFullName();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DUPLICATES = "cascade_metadata_events_duplicate_total{type=\"" + TYPE + "\"}";

    private static final FakeTopologyService topology = FakeNeighbours.topology;
    private static final FakeLicensingService licensing = FakeNeighbours.licensing;

    private final KafkaTestClient kafka = new KafkaTestClient(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @BeforeEach
    void dependenciesAreUp() {
        FakeNeighbours.up();
    }

    @Test
    void aRegisteredPeerAppearsWithItsAttributesOfficeAndLicense() {
        String device = UUID.randomUUID().toString();
        Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        topology.place("10.1.2.3", "ams", "Amsterdam");
        licensing.assign(device, SeatState.SEAT_STATE_LICENSED, 1_700_000_000_000L);

        publish(device, UUID.randomUUID().toString(), Register.newBuilder().setHostname("pc-0042").setIpAddress("10.1.2.3")
                .setPrefixLength(16).setDeviceClass(DeviceClass.DEVICE_CLASS_DESKTOP).setOsType(OsType.OS_TYPE_SERVER)
                .setFreeStorageBytes(40_000_000_000L).setUsableStorageBytes(60_000_000_000L)
                .setBootTimeUnixMs(1_600_000_000_000L).setClientVersion("1.4.2"), sent, sent);

        // the office may come from the consumer or, when the gRPC channel is still reconnecting after
        // another test took topology-service down, from the retry job: either way it arrives
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device).then().statusCode(200)
                .body("office.officeId", equalTo("ams"))
                .body("license.state", equalTo("LICENSED")));
        JsonPath peer = given().get("/peers/" + device).then().statusCode(200).extract().jsonPath();
        assertThat(peer.getString("deviceId")).isEqualTo(device);
        assertThat(peer.getString("hostname")).isEqualTo("pc-0042");
        assertThat(peer.getString("ipAddress")).isEqualTo("10.1.2.3");
        assertThat(peer.getInt("prefixLength")).isEqualTo(16);
        assertThat(peer.getString("deviceClass")).isEqualTo("DESKTOP");
        assertThat(peer.getString("osType")).isEqualTo("SERVER");
        assertThat(peer.getLong("freeStorageBytes")).isEqualTo(40_000_000_000L);
        assertThat(peer.getLong("usableStorageBytes")).isEqualTo(60_000_000_000L);
        assertThat(Instant.parse(peer.getString("bootTime"))).isEqualTo(Instant.ofEpochMilli(1_600_000_000_000L));
        assertThat(peer.getString("clientVersion")).isEqualTo("1.4.2");
        assertThat(Instant.parse(peer.getString("firstSeen"))).isEqualTo(sent);
        assertThat(Instant.parse(peer.getString("lastSeen"))).isEqualTo(sent);
        assertThat(peer.getLong("registrations")).isEqualTo(1);
        assertThat(peer.getString("office.name")).isEqualTo("Amsterdam");
        assertThat(peer.getString("officeResolution")).isEqualTo("resolved");
        assertThat(Instant.parse(peer.getString("license.assignedAt"))).isEqualTo(Instant.ofEpochMilli(1_700_000_000_000L));
        assertThat(peer.getString("license.detail")).isNull();

        given().queryParam("officeId", "ams").get("/peers").then().statusCode(200)
                .body("items.deviceId", hasItem(device));
    }

    @Test
    void theSameEventDeliveredTwiceCountsOnce() {
        String device = UUID.randomUUID().toString();
        String event = UUID.randomUUID().toString();
        double duplicatesBefore = metric(DUPLICATES);

        publish(device, event, Register.newBuilder().setHostname("pc-twice").setIpAddress("10.1.3.1"), Instant.now(), Instant.now());
        publish(device, event, Register.newBuilder().setHostname("pc-twice").setIpAddress("10.1.3.1"), Instant.now(), Instant.now());

        await().atMost(WAIT).untilAsserted(() ->
                assertThat(metric(DUPLICATES)).isEqualTo(duplicatesBefore + 1));
        given().get("/peers/" + device).then().statusCode(200)
                .body("hostname", equalTo("pc-twice"))
                .body("registrations", equalTo(1));
    }

    @Test
    void aNewerRegistrationReplacesTheAttributesAndAnOlderOneDeliveredLateDoesNot() {
        String device = UUID.randomUUID().toString();
        Instant first = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        Instant newest = first.plus(Duration.ofMinutes(10));

        publish(device, UUID.randomUUID().toString(), Register.newBuilder().setHostname("pc-before").setIpAddress("10.1.4.1"),
                first, first);
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device).then().statusCode(200));
        publish(device, UUID.randomUUID().toString(), Register.newBuilder().setHostname("pc-after").setIpAddress("10.1.4.2")
                .setClientVersion("1.1.0"), newest, newest);
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device).then().statusCode(200)
                .body("hostname", equalTo("pc-after"))
                .body("ipAddress", equalTo("10.1.4.2"))
                .body("registrations", equalTo(2)));

        Instant reordered = first.plus(Duration.ofMinutes(5)); // sent between the two, delivered last
        publish(device, UUID.randomUUID().toString(), Register.newBuilder().setHostname("pc-in-between").setIpAddress("10.1.4.3")
                .setClientVersion("1.0.0"), reordered, reordered);

        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device).then().statusCode(200)
                .body("registrations", equalTo(3)));
        JsonPath peer = given().get("/peers/" + device).then().statusCode(200).extract().jsonPath();
        assertThat(peer.getString("hostname")).isEqualTo("pc-after");
        assertThat(peer.getString("ipAddress")).isEqualTo("10.1.4.2");
        assertThat(peer.getString("clientVersion")).isEqualTo("1.1.0");
        assertThat(Instant.parse(peer.getString("firstSeen"))).isEqualTo(first);
        assertThat(Instant.parse(peer.getString("lastSeen"))).isEqualTo(newest);
    }

    @Test
    void anUnreadableEventGoesToTheDeadLetterTopicAndConsumptionGoesOn() {
        String poison = UUID.randomUUID().toString();
        kafka.send(Topics.PEER_REGISTRATIONS, poison, new byte[] {(byte) 0xFF, 0x01, 0x02}, poison, TYPE);
        String notADevice = "pc-" + UUID.randomUUID();
        publish(notADevice, UUID.randomUUID().toString(), Register.newBuilder().setHostname("pc-x").setIpAddress("10.1.5.1"),
                Instant.now(), Instant.now());
        String device = UUID.randomUUID().toString();
        publish(device, UUID.randomUUID().toString(), Register.newBuilder().setHostname("pc-after-poison").setIpAddress("10.1.5.2"),
                Instant.now(), Instant.now());

        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device).then().statusCode(200)
                .body("hostname", equalTo("pc-after-poison")));
        String dlq = Topics.deadLetter(Topics.PEER_REGISTRATIONS, "metadata-service");
        await().atMost(WAIT).untilAsserted(() -> assertThat(kafka.read(dlq, 100, Duration.ofSeconds(5)))
                .anySatisfy(record -> assertThat(record.key()).isEqualTo(poison))
                .anySatisfy(record -> {
                    assertThat(record.key()).isEqualTo(notADevice);
                    assertThat(new String(record.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                            .contains(notADevice);
                }));
    }

    @Test
    void theOfficeIsPendingWhileTopologyIsDownAndTheRetryJobResolvesItOnceItIsBack() throws InterruptedException {
        String device = UUID.randomUUID().toString();
        topology.place("10.7.0.1", "rtm", "Rotterdam");
        FakeNeighbours.topologyServer().stop();

        publish(device, UUID.randomUUID().toString(), Register.newBuilder().setHostname("pc-rtm").setIpAddress("10.7.0.1"),
                Instant.now(), Instant.now());

        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device).then().statusCode(200)
                .body("hostname", equalTo("pc-rtm"))
                .body("office", nullValue())
                .body("officeResolution", equalTo("pending")));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(metric("cascade_metadata_peers_office_pending")).isGreaterThanOrEqualTo(1));

        FakeNeighbours.topologyServer().start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/peers/" + device).then().statusCode(200)
                .body("office.officeId", equalTo("rtm"))
                .body("office.name", equalTo("Rotterdam"))
                .body("officeResolution", equalTo("resolved")));
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(metric("cascade_metadata_peers_office_pending")).isEqualTo(0));
    }

    @Test
    void anAddressTopologyRefusesLeavesTheOfficeUnresolvableInsteadOfPending() {
        String device = UUID.randomUUID().toString();
        topology.refuse("10.1.6.300");

        publish(device, UUID.randomUUID().toString(), Register.newBuilder().setHostname("pc-typo").setIpAddress("10.1.6.300"),
                Instant.now(), Instant.now());

        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device).then().statusCode(200)
                .body("office", nullValue())
                .body("officeResolution", equalTo("unresolvable")));
    }

    @Test
    void theLicenseIsUnknownWhileLicensingIsDownAndThePeerIsStillShown() throws InterruptedException {
        String device = UUID.randomUUID().toString();
        licensing.assign(device, SeatState.SEAT_STATE_OVERAGE, 1_700_000_000_000L);
        publish(device, UUID.randomUUID().toString(), Register.newBuilder().setHostname("pc-lic").setIpAddress("10.1.7.1"),
                Instant.now(), Instant.now());
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device).then().statusCode(200)
                .body("license.state", equalTo("OVERAGE")));

        FakeNeighbours.licensingServer().stop();

        given().get("/peers/" + device).then().statusCode(200)
                .body("hostname", equalTo("pc-lic"))
                .body("license.state", equalTo("UNKNOWN"))
                .body("license.assignedAt", nullValue())
                .body("license.detail", containsString("licensing-service unavailable"));
    }

    @Test
    void anUnknownDeviceIs404AndAnIdThatIsNoUuidIs400() {
        String device = UUID.randomUUID().toString();
        given().get("/peers/" + device).then().statusCode(404)
                .body("status", equalTo(404))
                .body("message", containsString(device));
        given().get("/peers/pc-0042").then().statusCode(400)
                .body("status", equalTo(400))
                .body("message", containsString("'pc-0042'"));
    }

    @Test
    void countsPeersAndThoseActiveWithinTheHeartbeatTtl() {
        JsonPath before = given().get("/peers/count").then().statusCode(200).extract().jsonPath();
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        String recent = UUID.randomUUID().toString();
        String stale = UUID.randomUUID().toString();

        publish(recent, UUID.randomUUID().toString(), Register.newBuilder().setHostname("pc-recent").setIpAddress("10.1.8.1"),
                Instant.now(), Instant.now());
        publish(stale, UUID.randomUUID().toString(), Register.newBuilder().setHostname("pc-stale").setIpAddress("10.1.8.2"),
                longAgo, longAgo);

        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/count").then().statusCode(200)
                .body("total", equalTo(before.getInt("total") + 2)));
        given().get("/peers/count").then().statusCode(200)
                .body("active", equalTo(before.getInt("active") + 1))
                .body("activeWindowSeconds", equalTo(180));
        given().get("/peers/" + recent).then().body("active", equalTo(true));
        given().get("/peers/" + stale).then().body("active", equalTo(false));
    }

    @Test
    void pagesThroughThePeersOfOneOffice() {
        List<String> devices = List.of(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString());
        for (int i = 0; i < devices.size(); i++) {
            String ip = "10.1.9." + (i + 1);
            topology.place(ip, "utr", "Utrecht");
            publish(devices.get(i), UUID.randomUUID().toString(), Register.newBuilder().setHostname("pc-utr-" + i).setIpAddress(ip),
                    Instant.now(), Instant.now());
        }
        List<String> ordered = devices.stream().sorted().toList();

        await().atMost(WAIT).untilAsserted(() -> given().queryParam("officeId", "utr").get("/peers").then().statusCode(200)
                .body("total", equalTo(3)));
        JsonPath firstPage = given().queryParam("officeId", "utr").queryParam("limit", 2).get("/peers").then().statusCode(200)
                .extract().jsonPath();
        assertThat(firstPage.getList("items.deviceId", String.class)).containsExactly(ordered.get(0), ordered.get(1));
        assertThat(firstPage.getInt("limit")).isEqualTo(2);
        JsonPath secondPage = given().queryParam("officeId", "utr").queryParam("limit", 2).queryParam("offset", 2).get("/peers")
                .then().statusCode(200).extract().jsonPath();
        assertThat(secondPage.getList("items.deviceId", String.class)).containsExactly(ordered.get(2));
        assertThat(secondPage.getList("items.license")).containsOnlyNulls(); // lists do not ask licensing-service

        given().queryParam("limit", 0).get("/peers").then().statusCode(400).body("message", containsString("limit"));
        given().queryParam("offset", "soon").get("/peers").then().statusCode(400).body("message", containsString("'soon'"));
    }

    @Test
    void exposesHealthMetricsAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("outbox-relay"));
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("cascade_metadata_peers_registered_total", "cascade_metadata_registrations_total",
                "cascade_metadata_events_duplicate_total", "cascade_metadata_peers ", "cascade_metadata_peers_office_pending",
                "cascade_metadata_peers_office_stale", "cascade_metadata_peer_office_moves_total", "cascade_metadata_topology_revision",
                "cascade_metadata_peers_active", "cascade_metadata_peers_by_state{state=\"inactive\"}",
                "cascade_outbox_pending{service=\"metadata-service\"}", "cascade_outbox_published_total{service=\"metadata-service\"}",
                "cascade_outbox_publish_failures_total{service=\"metadata-service\"}");
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/peers/{deviceId}", "/peers/count", "/peers/count/by-office", "/peers/{deviceId}/inventory",
                "/contents/{contentId}", "/contents/{contentId}/statistics", "/deployments/{deploymentId}/progress");
    }

    private void publish(String device, String eventId, Register.Builder registration, Instant sentAt, Instant receivedAt) {
        PeerRegistered event = PeerRegistered.newBuilder().setEventId(eventId).setDeviceId(device)
                .setRegistration(registration).setSourceAddress("127.0.0.1:34324")
                .setSentAtUnixMs(sentAt.toEpochMilli()).setReceivedAtUnixMs(receivedAt.toEpochMilli())
                .setGatewayId("test").build();
        kafka.send(Topics.PEER_REGISTRATIONS, device, event.toByteArray(), eventId, TYPE);
    }

    /** The value of the first Prometheus sample whose line starts with {@code prefix}. */
    private static double metric(String prefix) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no metric " + prefix + " in /q/metrics"));
    }
}
