package dev.cascade.activation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.activation.service.MaintenanceJob;
import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.Activation;
import dev.cascade.contracts.v1.ActivationResult;
import dev.cascade.contracts.v1.ActivationServiceGrpc;
import dev.cascade.contracts.v1.ClientActivation;
import dev.cascade.contracts.v1.GetActivationRequest;
import dev.cascade.contracts.v1.GetKeyRingRequest;
import dev.cascade.contracts.v1.KeyFamily;
import dev.cascade.contracts.v1.KeyRotationResult;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.contracts.v1.RingKey;
import dev.cascade.contracts.v1.ServerActivated;
import dev.cascade.contracts.v1.ServerStatus;
import dev.cascade.contracts.v1.WireKeyRing;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyWrap;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.WireKey;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;

/**
 * The server side of protocol.md §16 through its real channels: connector requests and peer reports
 * on the embedded Kafka broker, replies read from cascade.gateway.outbound, the key ring over gRPC,
 * REST and the key file, against a fake licensing-service. The methods run in order: they walk one
 * installation from its installation keys through activation and rotations to the end of a grace period.
 * Run on H2 ({@link ActivationFlowTest}) and on SQL Server ({@link ActivationFlowSqlServerTest}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ActivationFlowContract {

    private static final String LICENSE = "CSC-7Q4M-2XKD-91HF-JW3T";
    private static final String CLIENT_A = "client-a-" + UUID.randomUUID();
    private static final String CLIENT_B = "client-b-" + UUID.randomUUID();

    /** The keys the activation made; later steps use them. */
    private static WireKey sharedKey;
    private static long fleetKeyId;

    @GrpcClient("activation")
    ActivationServiceGrpc.ActivationServiceBlockingStub activation;

    @Inject
    ManualClock clock;

    @Inject
    MaintenanceJob maintenance;

    private final Connector connector = new Connector();
    private final FakeLicensing licensing = FakeLicensing.running();

    @Test
    @Order(1)
    void startsFromTheInstallationKeysAndRefusesRotationBeforeActivation() {
        WireKeyRing ring = activation.getKeyRing(GetKeyRingRequest.getDefaultInstance());
        assertThat(ring.getKeysList()).extracting(RingKey::getId, RingKey::getFamily, RingKey::getRetiredUntilUnixMs)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple((int) InstallationKeys.FLEET_ID, "fleet", 0L),
                        org.assertj.core.groups.Tuple.tuple((int) InstallationKeys.CONNECTOR_ID, "connector", 0L));
        assertThat(ring.getRevision()).isPositive();
        assertThat(ring.getKeysList()).filteredOn(k -> k.getFamily().equals("connector")).singleElement()
                .satisfies(k -> assertThat(k.getSecret().size()).isEqualTo(32));

        given().get("/activation").then().statusCode(200).body("activated", is(false))
                .body("connectorKeyId", equalTo((int) InstallationKeys.CONNECTOR_ID))
                .body("fleetKeyId", equalTo((int) InstallationKeys.FLEET_ID));
        given().post("/activation/shared-key").then().statusCode(409).body("message", containsString("not activated"));
        given().post("/activation/fleet-key").then().statusCode(409).body("message", containsString("not activated"));
        assertThat(activation.getActivation(GetActivationRequest.getDefaultInstance()).getActivated()).isFalse();

        connector.rotate(InstallationKeys.CONNECTOR_ID);
        KeyRotationResult refused = parse(await().atMost(Connector.WAIT).until(
                () -> connector.outbound(connector.id, MessageType.KEY_ROTATION_RESULT.code()), l -> !l.isEmpty()).get(0),
                KeyRotationResult.class);
        assertThat(refused.getRotated()).isFalse();
        assertThat(refused.getDetail()).contains("not activated");
        assertThat(activation.getKeyRing(GetKeyRingRequest.getDefaultInstance()).getRevision()).isEqualTo(ring.getRevision());
    }

    @Test
    @Order(2)
    void refusesUnknownAndExpiredLicensesNamingTheReasonAndChangesNothing() {
        long revision = activation.getKeyRing(GetKeyRingRequest.getDefaultInstance()).getRevision();
        licensing.expired("CSC-EXPIRED", "Old Corp");

        connector.activate("CSC-NOBODY", "cascade-hq", InstallationKeys.CONNECTOR_ID);
        connector.activate("CSC-EXPIRED", "cascade-hq", InstallationKeys.CONNECTOR_ID);
        List<ActivationResult> results = await().atMost(Connector.WAIT)
                .until(() -> results(connector.id), l -> l.size() == 2);

        assertThat(results).allSatisfy(r -> {
            assertThat(r.getActivated()).isFalse();
            assertThat(r.hasSharedKey()).isFalse();
            assertThat(r.getServerVersion()).isEqualTo("1.0.0");
        });
        assertThat(results.get(0).getDetail()).contains("no license file with key CSC-NOBODY");
        assertThat(results.get(1).getDetail()).contains("CSC-EXPIRED expired");
        assertThat(activation.getKeyRing(GetKeyRingRequest.getDefaultInstance()).getRevision()).isEqualTo(revision);
        given().get("/activation").then().statusCode(200).body("activated", is(false));
    }

    @Test
    @Order(3)
    void answersLicensingUnavailableAfterRetryingAndChangesNothing() {
        licensing.valid(LICENSE, "Example Corp");
        licensing.down.set(true);
        try {
            int callsBefore = licensing.validateCalls.get();
            connector.activate(LICENSE, "cascade-hq", InstallationKeys.CONNECTOR_ID);
            ActivationResult result = await().atMost(Connector.WAIT).until(() -> results(connector.id), l -> l.size() == 1).get(0);
            assertThat(result.getActivated()).isFalse();
            assertThat(result.getDetail()).contains("licensing-service unavailable, try again");
            assertThat(licensing.validateCalls.get() - callsBefore).isEqualTo(2); // cascade.activation.licensing.attempts

            // a status check is still answered, without seats, and shows the installation keys
            connector.status(InstallationKeys.CONNECTOR_ID);
            ServerStatus status = parse(await().atMost(Connector.WAIT)
                    .until(() -> connector.outbound(connector.id, MessageType.SERVER_STATUS.code()), l -> !l.isEmpty()).get(0),
                    ServerStatus.class);
            assertThat(status.getActivated()).isFalse();
            assertThat(status.getServerName()).isEmpty();
            assertThat(status.getSeatsPurchased()).isZero();
            assertThat(Integer.toUnsignedLong(status.getConnectorKeyId())).isEqualTo(InstallationKeys.CONNECTOR_ID);
            assertThat(Integer.toUnsignedLong(status.getFleetKeyId())).isEqualTo(InstallationKeys.FLEET_ID);
        } finally {
            licensing.down.set(false);
        }
        given().get("/activation").then().statusCode(200).body("activated", is(false));
    }

    @Test
    @Order(4)
    void activatesOnceDeliversTheSharedKeyWrappedAndActivatesTheKnownClients() throws Exception {
        long now = clock.instant().toEpochMilli();
        connector.register(CLIENT_A, "10.1.0.11", InstallationKeys.FLEET_ID, now);
        connector.heartbeat(CLIENT_B, "10.1.0.12", InstallationKeys.FLEET_ID, now);
        await().atMost(Connector.WAIT).untilAsserted(() -> given().get("/activation/clients").then().statusCode(200)
                .body("items.findAll { it.keyId == " + InstallationKeys.FLEET_ID + " }.deviceId", org.hamcrest.Matchers.hasItems(CLIENT_A,
                        CLIENT_B)));

        String eventId = connector.activate(LICENSE, "cascade-hq", InstallationKeys.CONNECTOR_ID);
        // the same event delivered again (a second gateway replica, a redelivery): handled once
        connector.request(dev.cascade.contracts.v1.ConnectorRequestReceived.newBuilder()
                .setActivate(dev.cascade.contracts.v1.ActivationRequest.newBuilder().setLicenseKey(LICENSE).setServerName("cascade-hq")
                        .setServerIp("10.0.0.5").setConnectorVersion("1.0.0")), InstallationKeys.CONNECTOR_ID, eventId);
        ActivationResult result = await().atMost(Connector.WAIT).until(() -> results(connector.id), l -> !l.isEmpty()).get(0);
        // a request behind the duplicate on the same partition: once it is answered, the duplicate was handled
        connector.status(InstallationKeys.CONNECTOR_ID);
        await().atMost(Connector.WAIT).until(() -> connector.outbound(connector.id, MessageType.SERVER_STATUS.code()), l -> !l.isEmpty());

        assertThat(result.getActivated()).as(result.getDetail()).isTrue();
        assertThat(result.getCustomer()).isEqualTo("Example Corp");
        assertThat(result.getClientsActivated()).isEqualTo(2);
        assertThat(result.getSharedKey().getWrappingKeyId()).isEqualTo((int) InstallationKeys.CONNECTOR_ID);
        sharedKey = KeyWrap.unwrap(result.getSharedKey(), KeyPurpose.CONNECTOR, InstallationKeys.connector);
        fleetKeyId = Integer.toUnsignedLong(result.getFleetKeyId());
        assertThat(sharedKey.id()).isGreaterThan(InstallationKeys.CONNECTOR_ID);
        assertThat(fleetKeyId).isGreaterThan(InstallationKeys.CONNECTOR_ID).isNotEqualTo(sharedKey.id());
        assertThat(result.getPreviousKeyValidUntilUnixMs()).isEqualTo(clock.instant().plus(Duration.ofHours(1)).toEpochMilli());

        // tagged with the key that authenticated the ACTIVATE, to the address it came from
        OutboundDatagram reply = connector.outbound(connector.id, MessageType.ACTIVATION_RESULT.code()).get(0);
        assertThat(reply.getKeyFamily()).isEqualTo(KeyFamily.KEY_FAMILY_CONNECTOR);
        assertThat(reply.getKeyId()).isEqualTo((int) InstallationKeys.CONNECTOR_ID);
        assertThat(reply.getDestinationAddress()).isEqualTo("127.0.0.1");
        assertThat(reply.getDestinationPort()).isEqualTo(24320);

        // the new keys are in the ring, the installation keys retired for the grace period
        WireKeyRing ring = activation.getKeyRing(GetKeyRingRequest.getDefaultInstance());
        Map<Integer, RingKey> byId = ring.getKeysList().stream().collect(Collectors.toMap(RingKey::getId, k -> k));
        assertThat(byId).containsKeys((int) sharedKey.id(), (int) fleetKeyId, (int) InstallationKeys.CONNECTOR_ID,
                (int) InstallationKeys.FLEET_ID);
        assertThat(byId.get((int) sharedKey.id()).getRetiredUntilUnixMs()).isZero();
        assertThat(byId.get((int) InstallationKeys.CONNECTOR_ID).getRetiredUntilUnixMs()).isEqualTo(result.getPreviousKeyValidUntilUnixMs());
        assertThat(java.util.Base64.getEncoder().encodeToString(byId.get((int) sharedKey.id()).getSecret().toByteArray()))
                .isEqualTo(sharedKey.format().substring(sharedKey.format().indexOf(':') + 1));

        // ... and in the key file the gateway watches
        await().atMost(Connector.WAIT).untilAsserted(() -> {
            List<WireKey> file = KeyFile.read(InstallationKeys.file);
            assertThat(file).filteredOn(k -> k.purpose() == KeyPurpose.CONNECTOR && k.notAfter() == null).singleElement()
                    .satisfies(k -> assertThat(k.format()).isEqualTo(sharedKey.format()));
            assertThat(file).filteredOn(k -> k.id() == InstallationKeys.CONNECTOR_ID).singleElement()
                    .satisfies(k -> assertThat(k.notAfter()).isEqualTo(Instant.ofEpochMilli(result.getPreviousKeyValidUntilUnixMs())));
            assertThat(file).filteredOn(k -> k.purpose() == KeyPurpose.FLEET && k.notAfter() == null).singleElement()
                    .satisfies(k -> assertThat(k.id()).isEqualTo(fleetKeyId));
        });

        // every known client gets the fleet key, wrapped with (and tagged with) the key it last used
        for (String client : List.of(CLIENT_A, CLIENT_B)) {
            OutboundDatagram datagram = await().atMost(Connector.WAIT)
                    .until(() -> connector.outbound(client, MessageType.CLIENT_ACTIVATION.code()), l -> !l.isEmpty()).get(0);
            assertThat(datagram.getKeyFamily()).isEqualTo(KeyFamily.KEY_FAMILY_FLEET);
            assertThat(datagram.getKeyId()).isEqualTo((int) InstallationKeys.FLEET_ID);
            assertThat(datagram.getDestinationPort()).isEqualTo(ActivationProfile.PEER_PORT);
            ClientActivation message = ClientActivation.parseFrom(datagram.getPayload());
            assertThat(message.getServerName()).isEqualTo("cascade-hq");
            assertThat(KeyWrap.unwrap(message.getFleetKey(), KeyPurpose.FLEET, InstallationKeys.fleet).id()).isEqualTo(fleetKeyId);
        }
        assertThat(connector.outbound(CLIENT_A, MessageType.CLIENT_ACTIVATION.code()).get(0).getDestinationAddress()).isEqualTo("10.1.0.11");

        // ServerActivated for metadata-service
        List<ServerActivated> activated = connector.records(Topics.ACTIVATION_EVENTS).stream()
                .filter(r -> Topics.ACTIVATION_EVENTS_KEY.equals(r.key()))
                .map(r -> {
                    assertThat(EventHeaders.required(r.headers(), EventHeaders.EVENT_TYPE)).isEqualTo("cascade.v1.ServerActivated");
                    return parse(r.value(), ServerActivated.class);
                }).toList();
        assertThat(activated).singleElement().satisfies(e -> {
            assertThat(e.getServerName()).isEqualTo("cascade-hq");
            assertThat(e.getCustomer()).isEqualTo("Example Corp");
            assertThat(Integer.toUnsignedLong(e.getFleetKeyId())).isEqualTo(fleetKeyId);
            assertThat(Integer.toUnsignedLong(e.getConnectorKeyId())).isEqualTo(sharedKey.id());
        });

        // the duplicate event was not answered twice
        assertThat(connector.outbound(connector.id, MessageType.ACTIVATION_RESULT.code())).hasSize(1);
        given().get("/activation").then().statusCode(200).body("activated", is(true)).body("serverName", equalTo("cascade-hq"))
                .body("customer", equalTo("Example Corp")).body("connectorKeyId", equalTo((int) sharedKey.id()))
                .body("retiredKeys", hasSize(2));
        Activation state = activation.getActivation(GetActivationRequest.getDefaultInstance());
        assertThat(state.getActivated()).isTrue();
        assertThat(state.getLicenseKey()).isEqualTo(LICENSE);
        assertThat(metrics()).contains("cascade_activation_activated 1.0")
                .contains("cascade_activation_requests_total{outcome=\"activated\",type=\"activate\"} 1.0")
                .contains("cascade_activation_key_rotations_total{family=\"connector\"}");
    }

    @Test
    @Order(5)
    void aRepeatedActivateWithTheSameLicenseSendsNoKey() {
        long revision = activation.getKeyRing(GetKeyRingRequest.getDefaultInstance()).getRevision();
        connector.activate(LICENSE, "cascade-hq", sharedKey.id());
        ActivationResult result = await().atMost(Connector.WAIT).until(() -> results(connector.id), l -> !l.isEmpty()).get(0);
        assertThat(result.getActivated()).isTrue();
        assertThat(result.getDetail()).contains("already activated");
        assertThat(result.hasSharedKey()).isFalse();
        assertThat(Integer.toUnsignedLong(result.getFleetKeyId())).isEqualTo(fleetKeyId);
        assertThat(activation.getKeyRing(GetKeyRingRequest.getDefaultInstance()).getRevision()).isEqualTo(revision);
    }

    @Test
    @Order(6)
    void answersAStatusRequestWithActivationSeatsClientsVersionsAndKeys() {
        connector.status(sharedKey.id());
        OutboundDatagram datagram = await().atMost(Connector.WAIT)
                .until(() -> connector.outbound(connector.id, MessageType.SERVER_STATUS.code()), l -> !l.isEmpty()).get(0);
        assertThat(datagram.getKeyId()).isEqualTo((int) sharedKey.id());
        ServerStatus status = parse(datagram, ServerStatus.class);
        assertThat(status.getServerVersion()).isEqualTo("1.0.0");
        assertThat(status.getActivated()).isTrue();
        assertThat(status.getServerName()).isEqualTo("cascade-hq");
        assertThat(status.getServerIp()).isEqualTo("10.0.0.5");
        assertThat(status.getCustomer()).isEqualTo("Example Corp");
        assertThat(status.getActivatedAtUnixMs()).isPositive();
        assertThat(status.getActiveClients()).isEqualTo(2);
        assertThat(status.getSeatsUsed()).isEqualTo(42);
        assertThat(status.getSeatsPurchased()).isEqualTo(500);
        assertThat(status.getSupportedClientVersions().getMin()).isEqualTo("1.0.0");
        assertThat(status.getSupportedConnectorVersions().getMax()).isEqualTo("1.99.99");
        assertThat(Integer.toUnsignedLong(status.getConnectorKeyId())).isEqualTo(sharedKey.id());
        assertThat(Integer.toUnsignedLong(status.getFleetKeyId())).isEqualTo(fleetKeyId);
    }

    @Test
    @Order(7)
    void reKeysAClientStillOnAnOldFleetKeyAtMostOncePerResendPeriod() {
        // just activated: client A was sent the key a moment ago, so a report with the old key now is not answered
        connector.heartbeat(CLIENT_A, "10.1.0.31", InstallationKeys.FLEET_ID, clock.instant().toEpochMilli() + 1);
        await().atMost(Connector.WAIT).untilAsserted(() -> given().get("/activation/clients").then().statusCode(200)
                .body("items.find { it.deviceId == '" + CLIENT_A + "' }.ip", equalTo("10.1.0.31")));
        assertThat(connector.outbound(CLIENT_A, MessageType.CLIENT_ACTIVATION.code())).hasSize(1);
        clock.advance(Duration.ofSeconds(61));
        connector.heartbeat(CLIENT_A, "10.1.0.21", InstallationKeys.FLEET_ID, clock.instant().toEpochMilli());
        await().atMost(Connector.WAIT).until(() -> connector.outbound(CLIENT_A, MessageType.CLIENT_ACTIVATION.code()), l -> l.size() == 2);
        OutboundDatagram resent = connector.outbound(CLIENT_A, MessageType.CLIENT_ACTIVATION.code()).get(1);
        assertThat(resent.getDestinationAddress()).isEqualTo("10.1.0.21"); // its new address
        assertThat(resent.getKeyId()).isEqualTo((int) InstallationKeys.FLEET_ID);

        // within the resend period again; a report without a key id; client B on the new key: none answered
        connector.heartbeat(CLIENT_A, "10.1.0.21", InstallationKeys.FLEET_ID, clock.instant().toEpochMilli() + 1);
        connector.heartbeat(CLIENT_A, "10.1.0.21", 0, clock.instant().toEpochMilli() + 2);
        connector.heartbeat(CLIENT_B, "10.1.0.12", fleetKeyId, clock.instant().toEpochMilli());
        await().atMost(Connector.WAIT).untilAsserted(() -> given().get("/activation/clients").then().statusCode(200)
                .body("items.find { it.deviceId == '" + CLIENT_B + "' }.onCurrentKey", is(true))
                .body("items.find { it.deviceId == '" + CLIENT_A + "' }.lastSeenAt", equalTo(
                        Instant.ofEpochMilli(clock.instant().toEpochMilli() + 2).toString())));
        assertThat(connector.outbound(CLIENT_A, MessageType.CLIENT_ACTIVATION.code())).hasSize(2);
        assertThat(connector.outbound(CLIENT_B, MessageType.CLIENT_ACTIVATION.code())).hasSize(1);
        given().get("/activation/clients?size=1").then().statusCode(200).body("items", hasSize(1)).body("total", equalTo(2));
        given().get("/activation/clients?size=0").then().statusCode(400).body("message", containsString("size must be 1..1000"));
        maintenance.run();
        assertThat(metrics()).contains("cascade_activation_clients_known 2.0").contains("cascade_activation_clients_on_current_key 1.0")
                .contains("cascade_activation_client_activations_sent_total 3.0");
    }

    @Test
    @Order(8)
    void rotatesTheSharedKeyOverUdpAndRestKeepingTheOldOneForTheGracePeriod() {
        connector.rotate(sharedKey.id());
        OutboundDatagram datagram = await().atMost(Connector.WAIT)
                .until(() -> connector.outbound(connector.id, MessageType.KEY_ROTATION_RESULT.code()), l -> !l.isEmpty()).get(0);
        assertThat(datagram.getKeyId()).isEqualTo((int) sharedKey.id());
        KeyRotationResult rotated = parse(datagram, KeyRotationResult.class);
        assertThat(rotated.getRotated()).as(rotated.getDetail()).isTrue();
        WireKey viaUdp = KeyWrap.unwrap(rotated.getSharedKey(), KeyPurpose.CONNECTOR, sharedKey);
        assertThat(viaUdp.id()).isGreaterThan(fleetKeyId);

        String text = given().post("/activation/shared-key").then().statusCode(200)
                .body("previousKeyId", equalTo((int) viaUdp.id()))
                .body("previousKeyValidUntil", equalTo(clock.instant().plus(Duration.ofHours(1)).toString()))
                .extract().path("key");
        WireKey viaRest = WireKey.parse(text, KeyPurpose.CONNECTOR);
        assertThat(viaRest.id()).isGreaterThan(viaUdp.id());

        // inside the grace period: the current key and every retired one still in its grace period, in the file too
        await().atMost(Connector.WAIT).untilAsserted(() -> {
            List<WireKey> file = KeyFile.read(InstallationKeys.file);
            assertThat(file).filteredOn(k -> k.purpose() == KeyPurpose.CONNECTOR).extracting(WireKey::id)
                    .containsExactlyInAnyOrder(viaRest.id(), viaUdp.id(), sharedKey.id(), InstallationKeys.CONNECTOR_ID);
            assertThat(file).filteredOn(k -> k.id() == viaRest.id()).singleElement()
                    .satisfies(k -> assertThat(k.format()).isEqualTo(viaRest.format()));
        });
        assertThat(ringIds("connector")).contains(viaRest.id(), viaUdp.id(), sharedKey.id(), InstallationKeys.CONNECTOR_ID);

        // after the grace period: only the current keys are left
        clock.advance(Duration.ofHours(1).plusSeconds(1));
        maintenance.run();
        assertThat(ringIds("connector")).containsExactly(viaRest.id());
        assertThat(ringIds("fleet")).containsExactly(fleetKeyId);
        List<WireKey> file = KeyFile.read(InstallationKeys.file);
        assertThat(file).extracting(WireKey::id).containsExactlyInAnyOrder(viaRest.id(), fleetKeyId);
        given().get("/activation").then().statusCode(200).body("retiredKeys", hasSize(0));
        sharedKey = viaRest;

        // a request still made with a key whose grace ended is refused, naming the key
        connector.rotate(InstallationKeys.CONNECTOR_ID);
        await().atMost(Connector.WAIT).until(() -> connector.outbound(connector.id, MessageType.KEY_ROTATION_RESULT.code()), l -> l.size() == 2);
        KeyRotationResult late = parse(connector.outbound(connector.id, MessageType.KEY_ROTATION_RESULT.code()).get(1), KeyRotationResult.class);
        assertThat(late.getRotated()).isFalse();
        assertThat(late.getDetail()).contains("connector key " + InstallationKeys.CONNECTOR_ID);
    }

    @Test
    @Order(9)
    void rotatesTheFleetKeyAndSendsItToTheClientsStillHeld() {
        long revision = activation.getKeyRing(GetKeyRingRequest.getDefaultInstance()).getRevision();
        // client A last used the installation fleet key, dropped in the previous step: it can no longer be reached
        int sent = given().post("/activation/fleet-key").then().statusCode(200)
                .body("previousKeyId", equalTo((int) fleetKeyId)).extract().path("clientsSent");
        assertThat(sent).isEqualTo(1);
        long newFleet = ringIds("fleet").stream().mapToLong(Long::longValue).max().orElseThrow();
        assertThat(newFleet).isGreaterThan(sharedKey.id());
        assertThat(activation.getKeyRing(GetKeyRingRequest.getDefaultInstance()).getRevision()).isGreaterThan(revision);
        OutboundDatagram toB = await().atMost(Connector.WAIT)
                .until(() -> connector.outbound(CLIENT_B, MessageType.CLIENT_ACTIVATION.code()), l -> l.size() == 2).get(1);
        assertThat(toB.getKeyId()).isEqualTo((int) fleetKeyId);
        assertThat(Integer.toUnsignedLong(parse(toB, ClientActivation.class).getFleetKey().getKeyId())).isEqualTo(newFleet);
        assertThat(parse(toB, ClientActivation.class).getPreviousKeyValidUntilUnixMs())
                .isEqualTo(clock.instant().plus(Duration.ofHours(1)).toEpochMilli());
        assertThat(metrics()).contains("cascade_activation_key_rotations_total{family=\"fleet\"} 2.0");
    }

    @Test
    @Order(10)
    void exposesHealthAndOpenApi() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("checks.name", org.hamcrest.Matchers.hasItem("outbox-relay"));
        assertThat(given().get("/q/openapi").then().statusCode(200).extract().asString())
                .contains("/activation/shared-key", "/activation/fleet-key", "/activation/clients");
    }

    private List<Long> ringIds(String family) {
        return activation.getKeyRing(GetKeyRingRequest.getDefaultInstance()).getKeysList().stream()
                .filter(k -> k.getFamily().equals(family)).map(k -> Integer.toUnsignedLong(k.getId())).sorted().toList();
    }

    private List<ActivationResult> results(String connectorId) {
        return connector.outbound(connectorId, MessageType.ACTIVATION_RESULT.code()).stream().map(d -> parse(d, ActivationResult.class))
                .toList();
    }

    private static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    private static <T extends com.google.protobuf.Message> T parse(OutboundDatagram datagram, Class<T> type) {
        return parse(datagram.getPayload().toByteArray(), type);
    }

    @SuppressWarnings("unchecked")
    private static <T extends com.google.protobuf.Message> T parse(byte[] bytes, Class<T> type) {
        try {
            return (T) type.getMethod("parseFrom", byte[].class).invoke(null, (Object) bytes);
        } catch (ReflectiveOperationException e) {
            if (e.getCause() instanceof InvalidProtocolBufferException invalid) {
                throw new AssertionError("not a " + type.getSimpleName() + ": " + invalid.getMessage(), invalid);
            }
            throw new AssertionError(e);
        }
    }
}
