package dev.cascade.metadata;

import static dev.cascade.metadata.PeerEvents.WAIT;
import static dev.cascade.metadata.PeerEvents.holding;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.GetPlanningStateRequest;
import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.KeyFamily;
import dev.cascade.contracts.v1.MetadataServiceGrpc;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.contracts.v1.PlanningPeer;
import dev.cascade.contracts.v1.PlanningState;
import dev.cascade.contracts.v1.TopologyChangeTrigger;
import dev.cascade.contracts.v1.TopologyChanged;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Deployments over REST: validation, DEPLOYMENT_NOTICEs through the outbox to the gateway's
 * outbound topic, progress per office, and the planner's GetPlanningState over gRPC. Offices and
 * their hierarchy come from the fake topology-service (ListOffices). On H2 ({@link DeploymentsTest})
 * and SQL Server ({@link DeploymentsSqlServerTest}).
 */
abstract class DeploymentsContract {

    private final PeerEvents events = new PeerEvents();

    @GrpcClient("metadata")
    MetadataServiceGrpc.MetadataServiceBlockingStub metadata;

    @BeforeEach
    void dependenciesAreUp() {
        FakeNeighbours.up();
    }

    @Test
    void aRequestThatCannotBeDeployedIsRefusedNamingTheFieldAndNothingIsCreated() {
        String content = events.deployableContent();
        String undeployable = "app-" + UUID.randomUUID();
        events.publish(UUID.randomUUID().toString(), PeerEvents.content(undeployable, 10_000, 4096).toBuilder().clearPieceHashes().build());
        await().atMost(WAIT).untilAsserted(() -> given().get("/contents/" + undeployable).then().statusCode(200));
        String device = events.register(PeerEvents.subnet() + "1", "val");
        String stranger = UUID.randomUUID().toString();
        Map<String, Object> p2p = Map.of("mode", "PEER_TO_PEER");

        refused(Map.of("target", Map.of("all", true), "policy", p2p), 400, "contentId");
        refused(Map.of("contentId", "app-none", "target", Map.of("all", true), "policy", p2p), 400, "no content app-none");
        refused(Map.of("contentId", undeployable, "target", Map.of("all", true), "policy", p2p), 409, "piece hashes");
        refused(Map.of("contentId", content, "policy", p2p), 400, "target");
        refused(Map.of("contentId", content, "target", Map.of("all", true, "officeId", "x"), "policy", p2p), 400, "exactly one");
        refused(Map.of("contentId", content, "target", Map.of("officeId", "no-such-office"), "policy", p2p), 400,
                "no office no-such-office");
        refused(Map.of("contentId", content, "target", Map.of("deviceIds", List.of(device, stranger)), "policy", p2p), 400,
                "target.deviceIds: no peer has registered with device id " + stranger);
        refused(Map.of("contentId", content, "target", Map.of("deviceIds", List.of("pc-1")), "policy", p2p), 400,
                "target.deviceIds[0]");
        refused(Map.of("contentId", content, "target", Map.of("all", true), "policy", Map.of("mode", "CARRIER_PIGEON")), 400,
                "policy.mode");
        refused(Map.of("contentId", content, "target", Map.of("all", true), "policy", Map.of("mode", "PROXY",
                "proxy", Map.of("useForProxyDistribution", true))), 400, "policy.proxy.packageStoreDeviceIds");
        refused(Map.of("contentId", content, "target", Map.of("all", true), "policy", Map.of("mode", "PROXY",
                "proxy", Map.of("useForProxyDistribution", true, "packageStoreDeviceIds", List.of(device),
                        "onlyProxyDevicesUntil", "2026-12-02T00:00:00Z", "enforceProxyUntil", "2026-12-01T00:00:00Z"))), 400,
                "policy.proxy.enforceProxyUntil");
        refused(Map.of("contentId", content, "target", Map.of("all", true), "policy", Map.of("mode", "PROXY",
                "proxy", Map.of("useForProxyDistribution", true, "packageStoreDeviceIds", List.of(device),
                        "onlyProxyDevicesUntil", "tomorrow"))), 400, "'tomorrow'");
        refused(Map.of("contentId", content, "target", Map.of("all", true), "policy", Map.of("mode", "PEER_TO_PEER",
                "proxy", Map.of("useForProxyDistribution", true))), 400, "policy.proxy");

        given().queryParam("contentId", content).get("/deployments").then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void anOfficeDeploymentNoticesTheActivePeersOfItsSubtreeOnceAndPeersThatJoinLater() throws Exception {
        String root = office("ntc");
        String sub = subOffice(root);
        String other = office("ntc-other");
        announceTopology();
        String content = events.deployableContent();
        String net = PeerEvents.subnet();
        String inRoot = events.register(net + "1", root);
        String inSub = events.register(net + "2", sub);
        String inOther = events.register(net + "3", other);
        String holder = events.register(net + "4", root);
        String inactive = UUID.randomUUID().toString();
        FakeNeighbours.topology.place(net + "5", sub, "Office " + sub);
        events.register(inactive, net + "5", Instant.now().minus(Duration.ofMinutes(10)));
        events.inventory(holder, 1, true, holding(content, ContentState.CONTENT_STATE_CACHED, 3, 3, null));
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + holder + "/inventory").then().body("size()", equalTo(1)));
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + inactive).then().statusCode(200));

        String deployment = create(Map.of("contentId", content, "target", Map.of("officeId", root),
                "policy", Map.of("mode", "PEER_TO_PEER", "preCacheOnly", true)));

        await().atMost(WAIT).untilAsserted(() -> {
            List<OutboundDatagram> sent = notices(deployment);
            assertThat(sent).extracting(OutboundDatagram::getDestinationId).containsExactlyInAnyOrder(inRoot, inSub);
        });
        OutboundDatagram toRoot = notices(deployment).stream().filter(n -> n.getDestinationId().equals(inRoot)).findFirst().orElseThrow();
        assertThat(toRoot.getDestinationAddress()).isEqualTo(net + "1");
        assertThat(toRoot.getDestinationPort()).isEqualTo(34325);
        assertThat(toRoot.getLargeMessagePort()).isEqualTo(34337);
        assertThat(toRoot.getMessageType()).isEqualTo(0x09);
        assertThat(toRoot.getKeyFamily()).isEqualTo(KeyFamily.KEY_FAMILY_FLEET);
        DeploymentNotice notice = DeploymentNotice.parseFrom(toRoot.getPayload());
        assertThat(notice.getDeploymentId()).isEqualTo(deployment);
        assertThat(notice.getContent().getContentId()).isEqualTo(content);
        assertThat(notice.getContent().getPieceHashesCount()).isEqualTo(3);
        assertThat(notice.getPolicy().getMode()).isEqualTo(DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER);
        assertThat(notice.getPolicy().getPreCacheOnly()).isTrue();

        // the target is a rule: a peer that joins the subtree later is told when it registers
        String joiner = events.register(net + "6", sub);
        await().atMost(WAIT).untilAsserted(() -> assertThat(notices(deployment)).extracting(OutboundDatagram::getDestinationId)
                .containsExactlyInAnyOrder(inRoot, inSub, joiner));
        // a heartbeat without a holding within the resend interval sends nothing more
        events.heartbeat(UUID.randomUUID().toString(), inRoot, Heartbeat.newBuilder().setIpAddress(net + "1"), Instant.now(),
                Instant.now());
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + inRoot).then().body("heartbeats", equalTo(1)));
        assertThat(notices(deployment)).hasSize(3);
        assertThat(PeerEvents.metric("cascade_outbox_pending{service=\"metadata-service\"}")).isZero();
    }

    @Test
    void progressCountsTargetedPeersPerOfficeByState() {
        String root = office("prg");
        String sub = subOffice(root);
        String other = office("prg-other");
        announceTopology();
        String content = events.deployableContent();
        String net = PeerEvents.subnet();
        String pending = events.register(net + "1", root);
        report(events.register(net + "2", root), content, ContentState.CONTENT_STATE_DOWNLOADING, null);
        report(events.register(net + "3", root), content, ContentState.CONTENT_STATE_PAUSED, "WAN busy");
        report(events.register(net + "4", root), content, ContentState.CONTENT_STATE_PAUSED, "WAN busy");
        report(events.register(net + "5", sub), content, ContentState.CONTENT_STATE_CACHED, null);
        report(events.register(net + "6", sub), content, ContentState.CONTENT_STATE_INSTALLED, null);
        report(events.register(net + "7", sub), content, ContentState.CONTENT_STATE_FAILED, "disk full");
        String outside = events.register(net + "8", other);
        report(outside, content, ContentState.CONTENT_STATE_INSTALLED, null);

        String deployment = create(Map.of("contentId", content, "target", Map.of("officeId", root),
                "policy", Map.of("mode", "MULTICAST")));
        await().atMost(WAIT).untilAsserted(() -> given().get("/deployments/" + deployment + "/progress").then().statusCode(200)
                .body("totals.installed", equalTo(1)));
        JsonPath progress = given().get("/deployments/" + deployment + "/progress").then().extract().jsonPath();
        assertThat(progress.getMap("totals")).containsEntry("targeted", 7).containsEntry("pending", 1)
                .containsEntry("downloading", 1).containsEntry("paused", 2).containsEntry("cached", 1)
                .containsEntry("installed", 1).containsEntry("failed", 1);
        // pieces: the content has 3; the downloading peer holds 1, every other reporting peer 3
        assertThat(progress.getInt("pieceCount")).isEqualTo(3);
        assertThat(progress.getInt("totals.piecesHeld")).isEqualTo(1 + 3 + 3 + 3 + 3 + 3);
        assertThat(progress.getInt("offices[0].counts.piecesHeld")).isEqualTo(7);
        assertThat(progress.getMap("totals.pausedReasons")).containsExactly(Map.entry("WAN busy", 2));
        assertThat(progress.getMap("totals.failedReasons")).containsExactly(Map.entry("disk full", 1));
        assertThat(progress.getList("offices.officeId")).containsExactly(root, sub);
        assertThat(progress.getMap("offices[0].counts")).containsEntry("targeted", 4).containsEntry("pending", 1)
                .containsEntry("downloading", 1).containsEntry("paused", 2).containsEntry("installed", 0);
        assertThat(progress.getMap("offices[1].counts")).containsEntry("targeted", 3).containsEntry("cached", 1)
                .containsEntry("installed", 1).containsEntry("failed", 1);

        String listed = create(Map.of("contentId", content, "target", Map.of("deviceIds", List.of(pending, outside)),
                "policy", Map.of("mode", "PEER_TO_PEER")));
        JsonPath devices = given().get("/deployments/" + listed + "/progress").then().statusCode(200).extract().jsonPath();
        assertThat(devices.getMap("totals")).containsEntry("targeted", 2).containsEntry("pending", 1).containsEntry("installed", 1);
        assertThat(devices.getList("offices.officeId")).containsExactlyInAnyOrder(root, other);
        given().get("/deployments/" + UUID.randomUUID() + "/progress").then().statusCode(404);
    }

    @Test
    void planningStateGivesTheRequesterTheDeploymentAndTheActivePeersOfItsOfficeWithTheirHoldings() {
        String root = office("pln");
        String sub = subOffice(root);
        String other = office("pln-other");
        announceTopology();
        String content = events.deployableContent();
        String net = PeerEvents.subnet();
        String requester = events.register(net + "1", root);
        String complete = events.register(net + "2", root);
        String partial = events.register(net + "3", root);
        String nothing = events.register(net + "4", root);
        String inSub = events.register(net + "5", sub);
        String outsider = events.register(net + "6", other);
        String inactive = UUID.randomUUID().toString();
        FakeNeighbours.topology.place(net + "7", root, "Office " + root);
        events.register(inactive, net + "7", Instant.now().minus(Duration.ofMinutes(10)));
        events.inventory(complete, 1, true, holding(content, ContentState.CONTENT_STATE_CACHED, 3, 3, null));
        events.inventory(partial, 1, true, holding(content, ContentState.CONTENT_STATE_DOWNLOADING, 3, 1, null));
        events.inventory(requester, 1, true, holding(content, ContentState.CONTENT_STATE_PENDING, 3, 0, null));
        events.inventory(inactive, 1, true, holding(content, ContentState.CONTENT_STATE_CACHED, 3, 3, null));
        await().atMost(WAIT).untilAsserted(() -> {
            given().get("/peers/" + partial + "/inventory").then().body("size()", equalTo(1));
            given().get("/peers/" + requester + "/inventory").then().body("size()", equalTo(1));
            given().get("/peers/" + inactive).then().statusCode(200);
        });
        String deployment = create(Map.of("contentId", content, "target", Map.of("officeId", root),
                "policy", Map.of("mode", "PEER_TO_PEER")));

        PlanningState state = metadata.getPlanningState(request(requester, content));
        assertThat(state.getRequester().getDeviceId()).isEqualTo(requester);
        assertThat(state.getRequester().getOfficeId()).isEqualTo(root);
        assertThat(state.getRequester().getState()).isEqualTo(ContentState.CONTENT_STATE_PENDING);
        assertThat(state.getRequester().getActive()).isTrue();
        assertThat(state.getContent().getMetadata().getContentId()).isEqualTo(content);
        assertThat(state.getContent().getDeployable()).isTrue();
        assertThat(state.getDeployment().getDeploymentId()).isEqualTo(deployment);
        assertThat(state.getDeployment().getPolicy().getMode()).isEqualTo(DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER);
        assertThat(state.getCandidatesList()).extracting(PlanningPeer::getDeviceId)
                .containsExactlyInAnyOrder(complete, partial, nothing);
        PlanningPeer full = state.getCandidatesList().stream().filter(p -> p.getDeviceId().equals(complete)).findFirst().orElseThrow();
        assertThat(full.getState()).isEqualTo(ContentState.CONTENT_STATE_CACHED);
        assertThat(full.getPiecesHeld()).isEqualTo(3);
        assertThat(full.getPieces().toByteArray()).containsExactly(0b111);
        assertThat(full.getIpAddress()).isEqualTo(net + "2");
        PlanningPeer none = state.getCandidatesList().stream().filter(p -> p.getDeviceId().equals(nothing)).findFirst().orElseThrow();
        assertThat(none.getState()).isEqualTo(ContentState.CONTENT_STATE_UNSPECIFIED);
        assertThat(none.getPieces().isEmpty()).isTrue();

        PlanningState twoOffices = metadata.getPlanningState(request(requester, content).toBuilder().addOfficeIds(root)
                .addOfficeIds(sub).build());
        assertThat(twoOffices.getCandidatesList()).extracting(PlanningPeer::getDeviceId)
                .containsExactlyInAnyOrder(complete, partial, nothing, inSub);

        refusedWith(Status.Code.NOT_FOUND, request(UUID.randomUUID().toString(), content), "no peer has registered");
        refusedWith(Status.Code.NOT_FOUND, request(requester, "app-none"), "app-none");
        refusedWith(Status.Code.FAILED_PRECONDITION, request(outsider, content), outsider);
        refusedWith(Status.Code.FAILED_PRECONDITION, request(requester, events.deployableContent()), "not deployed");
        refusedWith(Status.Code.INVALID_ARGUMENT, request("pc-1", content), "'pc-1'");

        given().delete("/deployments/" + deployment).then().statusCode(204);
        refusedWith(Status.Code.FAILED_PRECONDITION, request(requester, content), "not deployed");
    }

    @Test
    void planningStateMarksThePeersTheContentIsDeployedToBeforeTheyReportAnything() {
        // the planner waits for an office up the chain whose targets have not asked yet (their notices are on the way)
        String root = office("tgt");
        String sub = subOffice(root);
        announceTopology();
        String content = events.deployableContent();
        String net = PeerEvents.subnet();
        String requester = events.register(net + "1", sub);
        String listed = events.register(net + "2", root);
        String unlisted = events.register(net + "3", root);
        String failed = events.register(net + "4", root);
        report(failed, content, ContentState.CONTENT_STATE_FAILED, "disk full");
        String devices = create(Map.of("contentId", content, "target", Map.of("deviceIds", List.of(requester, listed)),
                "policy", Map.of("mode", "PEER_TO_PEER")));
        GetPlanningStateRequest upTheChain = request(requester, content).toBuilder().addOfficeIds(sub).addOfficeIds(root).build();

        PlanningState state = metadata.getPlanningState(upTheChain);
        assertThat(state.getRequester().getDeployed()).isTrue();
        assertThat(state.getDeployment().getCreatedAtUnixMs()).isCloseTo(System.currentTimeMillis(), within(60_000L));
        assertThat(deployed(state)).isEqualTo(Map.of(listed, true, unlisted, false, failed, false));
        assertThat(candidate(state, listed).getState()).isEqualTo(ContentState.CONTENT_STATE_UNSPECIFIED);

        String subtree = create(Map.of("contentId", content, "target", Map.of("officeId", root),
                "policy", Map.of("mode", "PEER_TO_PEER")));
        state = metadata.getPlanningState(upTheChain);
        assertThat(deployed(state)).isEqualTo(Map.of(listed, true, unlisted, true, failed, true));
        assertThat(candidate(state, failed).getState()).isEqualTo(ContentState.CONTENT_STATE_FAILED);

        given().delete("/deployments/" + subtree).then().statusCode(204);
        String everyone = create(Map.of("contentId", content, "target", Map.of("all", true), "policy", Map.of("mode", "PEER_TO_PEER")));
        assertThat(deployed(metadata.getPlanningState(upTheChain))).isEqualTo(Map.of(listed, true, unlisted, true, failed, true));

        given().delete("/deployments/" + everyone).then().statusCode(204);
        assertThat(deployed(metadata.getPlanningState(upTheChain))).isEqualTo(Map.of(listed, true, unlisted, false, failed, false));
        given().delete("/deployments/" + devices).then().statusCode(204);
    }

    /** Candidates' deployed flags by device id. */
    private static Map<String, Boolean> deployed(PlanningState state) {
        Map<String, Boolean> flags = new java.util.HashMap<>();
        state.getCandidatesList().forEach(peer -> flags.put(peer.getDeviceId(), peer.getDeployed()));
        return flags;
    }

    private static PlanningPeer candidate(PlanningState state, String deviceId) {
        return state.getCandidatesList().stream().filter(peer -> peer.getDeviceId().equals(deviceId)).findFirst().orElseThrow();
    }

    @Test
    void aProxyDeploymentKeepsSeed002sOptionsAndCanBeCancelled() throws Exception {
        String content = events.deployableContent();
        String net = PeerEvents.subnet();
        String store = events.register(net + "1", office("pxy"));
        String target = events.register(net + "2", office("pxy"));
        String deployment = create(Map.of("contentId", content, "target", Map.of("deviceIds", List.of(target)),
                "policy", Map.of("mode", "PROXY", "proxy", Map.of("useForProxyDistribution", true,
                        "onlyProxyDevicesUntil", "2030-01-01T08:00:00Z", "enforceProxyUntil", "2030-01-02T08:00:00Z",
                        "packageStoreDeviceIds", List.of(store)))));

        given().get("/deployments/" + deployment).then().statusCode(200)
                .body("state", equalTo("ACTIVE"))
                .body("target.kind", equalTo("DEVICES"))
                .body("target.deviceIds", equalTo(List.of(target)))
                .body("policy.mode", equalTo("PROXY"))
                .body("policy.proxy.onlyProxyDevicesUntil", equalTo("2030-01-01T08:00:00Z"))
                .body("policy.proxy.enforceProxyUntil", equalTo("2030-01-02T08:00:00Z"))
                .body("policy.proxy.packageStoreDeviceIds", equalTo(List.of(store)));
        given().queryParam("contentId", content).get("/deployments").then().body("items.deploymentId", equalTo(List.of(deployment)));
        // the package-store device receives the content too
        await().atMost(WAIT).untilAsserted(() -> assertThat(notices(deployment)).extracting(OutboundDatagram::getDestinationId)
                .containsExactlyInAnyOrder(store, target));
        DeploymentNotice notice = DeploymentNotice.parseFrom(notices(deployment).get(0).getPayload());
        assertThat(notice.getPolicy().getProxy().getPackageStoreDeviceIdsList()).containsExactly(store);
        assertThat(notice.getPolicy().getProxy().getOnlyProxyDevicesUntilUnixMs())
                .isEqualTo(Instant.parse("2030-01-01T08:00:00Z").toEpochMilli());
        assertThat(notice.getPolicy().getProxy().getEnforceProxyUntilUnixMs())
                .isEqualTo(Instant.parse("2030-01-02T08:00:00Z").toEpochMilli());

        given().delete("/deployments/" + deployment).then().statusCode(204);
        given().delete("/deployments/" + deployment).then().statusCode(204);
        given().get("/deployments/" + deployment).then().body("state", equalTo("CANCELLED"));
        given().delete("/deployments/" + UUID.randomUUID()).then().statusCode(404);
        given().get("/deployments/" + UUID.randomUUID()).then().statusCode(404);
    }

    private void report(String device, String content, ContentState state, String detail) {
        events.inventory(device, 1, true, holding(content, state, 3, state == ContentState.CONTENT_STATE_DOWNLOADING ? 1 : 3, detail));
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device + "/inventory").then().body("size()", equalTo(1)));
    }

    private static GetPlanningStateRequest request(String device, String content) {
        return GetPlanningStateRequest.newBuilder().setDeviceId(device).setContentId(content).build();
    }

    private void refusedWith(Status.Code code, GetPlanningStateRequest request, String message) {
        assertThatThrownBy(() -> metadata.getPlanningState(request)).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).contains(message);
        });
    }

    private static String create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/deployments").then().statusCode(201)
                .extract().jsonPath().getString("deploymentId");
    }

    private static void refused(Map<String, Object> body, int status, String message) {
        given().contentType(ContentType.JSON).body(body).post("/deployments").then().statusCode(status)
                .body("status", equalTo(status))
                .body("message", containsString(message));
    }

    /** A new office under the central office. */
    private static String office(String prefix) {
        String id = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        FakeNeighbours.topology.office(id, "Office " + id, "central");
        return id;
    }

    private static String subOffice(String parent) {
        String id = parent + "-sub";
        FakeNeighbours.topology.office(id, "Office " + id, parent);
        return id;
    }

    /** A topology change, as topology-service announces it, so that metadata-service reads the offices again. */
    private void announceTopology() {
        long revision = FakeNeighbours.topology.nextRevision();
        String eventId = UUID.randomUUID().toString();
        TopologyChanged event = TopologyChanged.newBuilder().setEventId(eventId).setRevision(revision)
                .setChangedAtUnixMs(System.currentTimeMillis()).setOfficesAdded(3)
                .setTrigger(TopologyChangeTrigger.TOPOLOGY_CHANGE_TRIGGER_OFFICE_EDIT).build();
        events.kafka.send(Topics.TOPOLOGY_CHANGES, Topics.TOPOLOGY_CHANGES_KEY, event.toByteArray(), eventId,
                TopologyChanged.getDescriptor().getFullName());
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(PeerEvents.metric("cascade_metadata_topology_revision")).isGreaterThanOrEqualTo(revision));
    }

    /** The DEPLOYMENT_NOTICEs of {@code deployment} on the gateway's outbound topic. */
    private List<OutboundDatagram> notices(String deployment) {
        return events.kafka.read(Topics.GATEWAY_OUTBOUND, 100_000, Duration.ofSeconds(3)).stream()
                .map(DeploymentsContract::datagram)
                .filter(datagram -> datagram.getMessageType() == 0x09 && noticeOf(datagram).equals(deployment))
                .toList();
    }

    private static OutboundDatagram datagram(ConsumerRecord<String, byte[]> record) {
        try {
            return OutboundDatagram.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not an OutboundDatagram on " + Topics.GATEWAY_OUTBOUND, e);
        }
    }

    private static String noticeOf(OutboundDatagram datagram) {
        try {
            return DeploymentNotice.parseFrom(datagram.getPayload()).getDeploymentId();
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("not a DeploymentNotice in a 0x09 datagram", e);
        }
    }
}
