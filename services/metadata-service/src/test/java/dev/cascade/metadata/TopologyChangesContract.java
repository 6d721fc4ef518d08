package dev.cascade.metadata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.ListPeersRequest;
import dev.cascade.contracts.v1.MetadataServiceGrpc;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.contracts.v1.Register;
import dev.cascade.contracts.v1.RegisteredPeer;
import dev.cascade.contracts.v1.TopologyChangeTrigger;
import dev.cascade.contracts.v1.TopologyChanged;
import dev.cascade.metadata.service.OfficeAnswer;
import dev.cascade.metadata.service.OfficeAssignments;
import dev.cascade.metadata.service.OfficeAssignments.PeerToPlace;
import dev.cascade.metadata.service.PeerRegistration;
import dev.cascade.metadata.service.PeerRegistry;
import dev.cascade.testkit.KafkaTestClient;
import io.quarkus.grpc.GrpcClient;
import jakarta.inject.Inject;

/**
 * Topology changes re-place peers (TopologyChanged on a real broker, topology-service a real gRPC
 * server serving a fake the test can take down), and ListPeers streams the registry. On H2 with
 * the embedded broker ({@link TopologyChangesTest}) and on SQL Server with Kafka in containers
 * ({@link TopologyChangesSqlServerTest}).
 */
abstract class TopologyChangesContract {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String REGISTERED = PeerRegistered.getDescriptor().getFullName();
    private static final String CHANGED = TopologyChanged.getDescriptor().getFullName();
    private static final String MOVES = "cascade_metadata_peer_office_moves_total";
    private static final String CHANGES = "cascade_metadata_topology_changes_total";

    private final FakeTopologyService topology = FakeNeighbours.topology;
    private final KafkaTestClient kafka = new KafkaTestClient(
            ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    @GrpcClient("metadata")
    MetadataServiceGrpc.MetadataServiceBlockingStub metadata;

    @Inject
    PeerRegistry registry;

    @Inject
    OfficeAssignments assignments;

    @BeforeEach
    void dependenciesAreUp() {
        FakeNeighbours.up();
    }

    @Test
    void aTopologyChangeMovesPeersToTheirNewOfficesAndCountsTheMoves() {
        String net = subnet();
        String toWifi = register(net + "1", "ams", "Amsterdam");
        String stays = register(net + "2", "ams", "Amsterdam");
        String toCentral = register(net + "3", "rtm", "Rotterdam");
        awaitOffice(toWifi, "ams");
        awaitOffice(stays, "ams");
        awaitOffice(toCentral, "rtm");
        double movesBefore = metric(MOVES);

        topology.place(net + "1", "ams-wifi", "Amsterdam Wi-Fi");
        topology.place(net + "3", "central", "Central office");
        long revision = topology.nextRevision();
        publishChange(UUID.randomUUID().toString(), revision);

        awaitOffice(toWifi, "ams-wifi");
        awaitOffice(toCentral, "central");
        given().get("/peers/" + stays).then().statusCode(200).body("office.officeId", equalTo("ams"));
        given().get("/peers/" + toWifi).then().body("office.name", equalTo("Amsterdam Wi-Fi"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(metric(MOVES)).isEqualTo(movesBefore + 2);
            assertThat(metric("cascade_metadata_peers_office_stale")).isZero();
            assertThat(metric("cascade_metadata_topology_revision")).isEqualTo(revision);
        });
    }

    @Test
    void theSameTopologyChangedDeliveredTwiceIsAppliedOnce() {
        String event = UUID.randomUUID().toString();
        double changesBefore = metric(CHANGES);
        double duplicatesBefore = metric("cascade_metadata_events_duplicate_total{type=\"" + CHANGED + "\"}");
        long revision = topology.nextRevision();

        publishChange(event, revision);
        publishChange(event, revision);

        await().atMost(WAIT).untilAsserted(() -> assertThat(
                metric("cascade_metadata_events_duplicate_total{type=\"" + CHANGED + "\"}")).isEqualTo(duplicatesBefore + 1));
        assertThat(metric(CHANGES)).isEqualTo(changesBefore + 1);
    }

    @Test
    void whileTopologyIsDownPeersKeepTheirOfficeAndMoveWhenItIsBack() throws InterruptedException {
        String net = subnet();
        String peer = register(net + "1", "utr", "Utrecht");
        awaitOffice(peer, "utr");
        double changesBefore = metric(CHANGES);
        double unavailableBefore = metricOrZero("cascade_metadata_office_resolutions_total{result=\"unavailable\"}");

        FakeNeighbours.topologyServer().stop();
        topology.place(net + "1", "utr-2", "Utrecht 2");
        publishChange(UUID.randomUUID().toString(), topology.nextRevision());

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(metric(CHANGES)).isEqualTo(changesBefore + 1);
            // the job tried (and failed) at least once after the change was known
            assertThat(metricOrZero("cascade_metadata_office_resolutions_total{result=\"unavailable\"}"))
                    .isGreaterThan(unavailableBefore);
            assertThat(metric("cascade_metadata_peers_office_stale")).isGreaterThanOrEqualTo(1);
        });
        given().get("/peers/" + peer).then().statusCode(200)
                .body("office.officeId", equalTo("utr"))
                .body("officeResolution", equalTo("resolved"));

        FakeNeighbours.topologyServer().start();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/peers/" + peer).then().statusCode(200)
                .body("office.officeId", equalTo("utr-2")));
    }

    @Test
    void aLateAnswerNeverOverwritesOneFromANewerTopology() {
        String device = UUID.randomUUID().toString();
        String ip = subnet() + "1";
        Instant sent = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        PeerRegistration registration = PeerRegistration.from(UUID.randomUUID().toString(), PeerRegistered.newBuilder()
                .setDeviceId(device).setRegistration(Register.newBuilder().setHostname("pc-late").setIpAddress(ip))
                .setSentAtUnixMs(sent.toEpochMilli()).setReceivedAtUnixMs(sent.toEpochMilli()).build(), sent);
        registry.apply(registration, new OfficeAnswer.Resolved("new", "New office", "matched", 1_000_000));

        // the job asked before the registration and answers from an older topology
        OfficeAssignments.Written written = assignments.write(List.of(new PeerToPlace(device, ip, null)),
                List.of(new OfficeAnswer.Resolved("old", "Old office", "matched", 999_999)));
        assertThat(written.updated()).isZero();

        // a re-registration whose answer was given before the newer one was written
        PeerRegistration again = PeerRegistration.from(UUID.randomUUID().toString(), PeerRegistered.newBuilder()
                .setDeviceId(device).setRegistration(Register.newBuilder().setHostname("pc-late").setIpAddress(ip))
                .setSentAtUnixMs(sent.toEpochMilli() + 1).setReceivedAtUnixMs(sent.toEpochMilli() + 1).build(), sent);
        registry.apply(again, new OfficeAnswer.Resolved("old", "Old office", "matched", 999_998));

        given().get("/peers/" + device).then().statusCode(200)
                .body("office.officeId", equalTo("new"))
                .body("registrations", equalTo(2));

        // an answer for an address the peer no longer has is dropped too
        assertThat(assignments.write(List.of(new PeerToPlace(device, subnet() + "9", "new")),
                List.of(new OfficeAnswer.Resolved("elsewhere", "Elsewhere", "matched", 2_000_000))).updated()).isZero();
        given().get("/peers/" + device).then().body("office.officeId", equalTo("new"));
    }

    @Test
    void listPeersStreamsThePeersOfAnOfficeAcrossPagesInDeviceIdOrder() {
        String net = subnet();
        String office = "lp-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> devices = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            devices.add(register(net + i, office, "List " + office));
        }
        devices.forEach(device -> awaitOffice(device, office));

        List<RegisteredPeer> listed = new ArrayList<>();
        metadata.listPeers(ListPeersRequest.newBuilder().setOfficeId(office).build()).forEachRemaining(listed::add);

        assertThat(listed).extracting(RegisteredPeer::getDeviceId).containsExactlyElementsOf(devices.stream().sorted().toList());
        RegisteredPeer first = listed.stream().filter(p -> p.getDeviceId().equals(devices.get(0))).findFirst().orElseThrow();
        assertThat(first.getIpAddress()).isEqualTo(net + "1");
        assertThat(first.getHostname()).isEqualTo("pc-" + devices.get(0).substring(0, 8));
        assertThat(first.getPrefixLength()).isEqualTo(24);
        assertThat(first.getOfficeId()).isEqualTo(office);
        assertThat(first.getLastSeenUnixMs()).isPositive();

        List<String> everyone = new ArrayList<>();
        metadata.listPeers(ListPeersRequest.getDefaultInstance()).forEachRemaining(p -> everyone.add(p.getDeviceId()));
        assertThat(everyone).containsAll(devices).isSorted().doesNotHaveDuplicates();
        assertThat(everyone).hasSize(given().get("/peers/count").then().extract().jsonPath().getInt("total"));
    }

    @Test
    void anUnreadableTopologyChangeGoesToTheDeadLetterTopic() {
        String poison = UUID.randomUUID().toString();
        String noRevision = UUID.randomUUID().toString();
        kafka.send(Topics.TOPOLOGY_CHANGES, Topics.TOPOLOGY_CHANGES_KEY, new byte[] {(byte) 0xFF, 0x01}, poison, CHANGED);
        kafka.send(Topics.TOPOLOGY_CHANGES, Topics.TOPOLOGY_CHANGES_KEY,
                TopologyChanged.newBuilder().setEventId(noRevision).build().toByteArray(), noRevision, CHANGED);

        String dlq = Topics.deadLetter(Topics.TOPOLOGY_CHANGES, "metadata-service");
        await().atMost(WAIT).untilAsserted(() -> assertThat(kafka.read(dlq, 100, Duration.ofSeconds(5)))
                .anySatisfy(record -> assertThat(header(record.headers().lastHeader("cascade-event-id").value())).isEqualTo(poison))
                .anySatisfy(record -> {
                    assertThat(header(record.headers().lastHeader("cascade-event-id").value())).isEqualTo(noRevision);
                    assertThat(header(record.headers().lastHeader("dead-letter-reason").value())).contains("revision");
                }));
    }

    /** Registers a new device at {@code ip}, which the fake places in {@code officeId}; returns the device id. */
    private String register(String ip, String officeId, String officeName) {
        String device = UUID.randomUUID().toString();
        topology.place(ip, officeId, officeName);
        Instant now = Instant.now();
        PeerRegistered event = PeerRegistered.newBuilder().setEventId(UUID.randomUUID().toString()).setDeviceId(device)
                .setRegistration(Register.newBuilder().setHostname("pc-" + device.substring(0, 8)).setIpAddress(ip)
                        .setPrefixLength(24))
                .setSourceAddress(ip + ":34324").setSentAtUnixMs(now.toEpochMilli()).setReceivedAtUnixMs(now.toEpochMilli())
                .setGatewayId("test").build();
        kafka.send(Topics.PEER_REGISTRATIONS, device, event.toByteArray(), event.getEventId(), REGISTERED);
        return device;
    }

    private void publishChange(String eventId, long revision) {
        TopologyChanged event = TopologyChanged.newBuilder().setEventId(eventId).setRevision(revision)
                .setChangedAtUnixMs(System.currentTimeMillis()).setOfficesChanged(1)
                .setTrigger(TopologyChangeTrigger.TOPOLOGY_CHANGE_TRIGGER_IMPORT).build();
        kafka.send(Topics.TOPOLOGY_CHANGES, Topics.TOPOLOGY_CHANGES_KEY, event.toByteArray(), eventId, CHANGED);
    }

    private static void awaitOffice(String device, String officeId) {
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device).then().statusCode(200)
                .body("office.officeId", equalTo(officeId)));
    }

    /** "10.x.y." with random x, y: addresses no other test uses. */
    private static String subnet() {
        int n = (int) (Math.random() * 60_000);
        return "10." + (100 + n / 256 % 150) + "." + (n % 256) + ".";
    }

    private static String header(byte[] value) {
        return new String(value, StandardCharsets.UTF_8);
    }

    private static double metricOrZero(String prefix) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0.0);
    }

    private static double metric(String prefix) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no metric " + prefix + " in /q/metrics"));
    }
}
