package dev.cascade.topology;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.KeyFamily;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.contracts.v1.PeerReportOrigin;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.PlanRequested;
import dev.cascade.contracts.v1.PlanSourcesRequest;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.contracts.v1.SourceProtocol;
import dev.cascade.contracts.v1.TopologyServiceGrpc;
import dev.cascade.testkit.KafkaTestClient;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The planner wired into topology-service: gRPC PlanSources, REST GET /plans and the Kafka path
 * (PlanRequested in, SOURCE_PLAN datagram out through the outbox), against a fake metadata-service
 * and the real embedded broker.
 */
@QuarkusTest
@TestProfile(PlannerProfile.class)
class SourcePlanningTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOPOLOGY = TopologyApi.HEADER
            + "central,Central office,Standard,,10.0.0.0/16,,false,false\n"
            + "region,Region-North,Standard,central,10.2.0.0/16,,false,false\n"
            + "branch,Branch-7,Standard,region,10.7.0.0/16,,false,false\n";
    private static boolean topologyApplied;

    @GrpcClient("topology")
    TopologyServiceGrpc.TopologyServiceBlockingStub topology;

    private FakePlanningMetadata metadata;
    private String me;
    private String content;

    @BeforeEach
    void scene() {
        if (!topologyApplied) {
            TopologyApi.apply(TOPOLOGY);
            topologyApplied = true;
        }
        metadata = FakePlanningMetadata.running();
        metadata.reset();
        me = "me-" + UUID.randomUUID();
        content = "content-" + UUID.randomUUID();
        metadata.content(content, "https://cdn.example.com/" + content);
        metadata.peer(FakePlanningMetadata.peer(me, "10.7.0.5", "branch").build());
        String holder = "r1-" + me;
        metadata.peer(FakePlanningMetadata.peer(holder, "10.2.0.9", "region").setState(ContentState.CONTENT_STATE_CACHED)
                .setPiecesHeld(100).build());
        metadata.deploy(content, me);
    }

    @Test
    void planSourcesAnswersWithTheParentOfficesHoldersForTheRvp() {
        SourcePlan plan = topology.planSources(PlanSourcesRequest.newBuilder().setDeviceId(me).setContentId(content).build());

        assertThat(plan.getAction()).isEqualTo(PlanAction.PLAN_ACTION_FETCH);
        assertThat(plan.getRvp()).isTrue();
        assertThat(plan.getOfficeId()).isEqualTo("branch");
        assertThat(plan.getTopologyRevision()).isPositive();
        assertThat(plan.getSourcesList()).singleElement().satisfies(source -> {
            assertThat(source.getDeviceId()).isEqualTo("r1-" + me);
            assertThat(source.getIpAddress()).isEqualTo("10.2.0.9");
            assertThat(source.getPort()).isEqualTo(34750);
            assertThat(source.getProtocol()).isEqualTo(SourceProtocol.SOURCE_PROTOCOL_BACKGROUND);
            assertThat(source.getSourceClass()).isEqualTo(SourceClass.SOURCE_CLASS_PARENT_OFFICE_PEER);
            assertThat(source.getReason()).contains("parent office Region-North");
        });
        assertThat(plan.getExplanation()).contains("this device is the RVP of office Branch-7")
                .contains("not from the origin, because the hierarchy holds it");
        List<List<String>> asked = metadata.requests.stream().filter(r -> r.getDeviceId().equals(me))
                .map(r -> List.copyOf(r.getOfficeIdsList())).toList();
        assertThat(asked).as("first the requester, then its office and ancestors")
                .containsExactly(List.of(), List.of("branch", "region", "central"));
    }

    @Test
    void aPeerWhoseOfficeIsPendingIsPlacedByItsAddress() {
        metadata.peer(FakePlanningMetadata.peer(me, "10.7.0.5", "").build());

        SourcePlan plan = topology.planSources(PlanSourcesRequest.newBuilder().setDeviceId(me).setContentId(content).build());

        assertThat(plan.getOfficeId()).isEqualTo("branch");
        assertThat(plan.getOfficeType()).isEqualTo(dev.cascade.contracts.v1.OfficeType.OFFICE_TYPE_STANDARD);
        assertThat(plan.getSourcesList()).extracting(s -> s.getDeviceId()).containsExactly("r1-" + me);
    }

    @Test
    void planSourcesRefusesUnknownPeersAndContentsAndContentsNotDeployed() {
        assertThatThrownBy(() -> topology.planSources(PlanSourcesRequest.newBuilder().setDeviceId("ghost").setContentId(content).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).isEqualTo("no registered peer has device id 'ghost'");
                });
        assertThatThrownBy(() -> topology.planSources(PlanSourcesRequest.newBuilder().setDeviceId(me).setContentId("nothing").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        metadata.deploy(content);
        assertThatThrownBy(() -> topology.planSources(PlanSourcesRequest.newBuilder().setDeviceId(me).setContentId(content).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("is not deployed to device");
                });
        assertThatThrownBy(() -> topology.planSources(PlanSourcesRequest.newBuilder().setContentId(content).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    @Test
    void restShowsThePlanWithItsExplanation() {
        given().queryParam("device", me).queryParam("content", content).get("/plans").then().statusCode(200)
                .body("action", equalTo("FETCH"))
                .body("officeId", equalTo("branch"))
                .body("officeType", equalTo("STANDARD"))
                .body("rvp", equalTo(true))
                .body("originUse", equalTo("NONE"))
                .body("sources[0].protocol", equalTo("BACKGROUND"))
                .body("sources[0].sourceClass", equalTo("PARENT_OFFICE_PEER"))
                .body("sources[0].reason", containsString("holds 100 % of the pieces"))
                .body("explanation", containsString("fetches from parent office Region-North over the WAN"));
        given().queryParam("device", me).queryParam("content", content).queryParam("avoid", "r1-" + me).get("/plans").then()
                .statusCode(200).body("sources[0].protocol", equalTo("ORIGIN_HTTP"))
                .body("originUse", equalTo("FALLBACK"))
                .body("explanation", containsString("fetches from the origin"));
    }

    @Test
    void restAnswersBadQuestionsWithTheirStatus() {
        given().queryParam("device", me).get("/plans").then().statusCode(400)
                .body("message", containsString("'device' and 'content' are required"));
        given().queryParam("device", "ghost").queryParam("content", content).get("/plans").then().statusCode(404)
                .body("message", equalTo("no registered peer has device id 'ghost'"));
        given().queryParam("device", me).queryParam("content", "nothing").get("/plans").then().statusCode(404)
                .body("message", containsString("'nothing'"));
        metadata.deploy(content);
        given().queryParam("device", me).queryParam("content", content).get("/plans").then().statusCode(409)
                .body("message", containsString("is not deployed to device"));
    }

    @Test
    void aPlanRequestIsAnsweredOnceWithASourcePlanDatagram() throws Exception {
        KafkaTestClient kafka = KafkaTestClient.forTestBroker();
        String first = UUID.randomUUID().toString();
        byte[] request = planRequested(first, me, content, "10.7.0.5:40001").toByteArray();
        kafka.send(Topics.PEER_PLAN_REQUESTS, me, request, first, "cascade.v1.PlanRequested");
        kafka.send(Topics.PEER_PLAN_REQUESTS, me, request, first, "cascade.v1.PlanRequested");
        String second = UUID.randomUUID().toString();
        PlanRequested withReplyPort = planRequested(second, me, content, "[2001:db8::5]:40001").toBuilder()
                .setRequest(PlanRequest.newBuilder().setContentId(content).setReplyPort(40_123)).build();
        kafka.send(Topics.PEER_PLAN_REQUESTS, me, withReplyPort.toByteArray(), second, "cascade.v1.PlanRequested");

        List<OutboundDatagram> answers = await().atMost(WAIT).until(() -> outboundFor(me), list -> list.size() >= 2);
        Thread.sleep(1_000); // a duplicate would have been relayed by now: the relay wakes right after each commit
        answers = outboundFor(me);

        assertThat(answers).hasSize(2);
        OutboundDatagram answer = answers.stream().filter(a -> a.getDestinationAddress().equals("10.7.0.5")).findFirst().orElseThrow();
        assertThat(answer.getDestinationId()).isEqualTo(me);
        assertThat(answer.getDestinationPort()).isEqualTo(PlannerProfile.PEER_PORT);
        assertThat(answer.getMessageType()).isEqualTo(0x0B);
        assertThat(answer.getKeyFamily()).isEqualTo(KeyFamily.KEY_FAMILY_FLEET);
        assertThat(answer.getLargeMessagePort()).isEqualTo(34337);
        SourcePlan plan = SourcePlan.parseFrom(answer.getPayload());
        assertThat(plan.getAction()).isEqualTo(PlanAction.PLAN_ACTION_FETCH);
        assertThat(plan.getSourcesList()).extracting(s -> s.getDeviceId()).containsExactly("r1-" + me);
        OutboundDatagram toV6 = answers.stream().filter(a -> a.getDestinationAddress().equals("2001:db8::5")).findFirst().orElseThrow();
        assertThat(toV6.getDestinationPort()).as("the request's reply_port").isEqualTo(40_123);
        assertThat(TopologyApi.metric("cascade_planner_plans_total{action=\"fetch\"")).isPositive();
    }

    @Test
    void aPlanRequestThePlannerRefusesIsAnsweredBlockedWithTheReason() throws Exception {
        KafkaTestClient kafka = KafkaTestClient.forTestBroker();
        String event = UUID.randomUUID().toString();
        kafka.send(Topics.PEER_PLAN_REQUESTS, me, planRequested(event, me, "unknown-content", "10.7.0.5:40001").toByteArray(), event,
                "cascade.v1.PlanRequested");

        List<OutboundDatagram> answers = await().atMost(WAIT).until(() -> outboundFor(me), list -> !list.isEmpty());

        SourcePlan plan = SourcePlan.parseFrom(answers.get(0).getPayload());
        assertThat(plan.getAction()).isEqualTo(PlanAction.PLAN_ACTION_BLOCKED);
        assertThat(plan.getSourcesList()).isEmpty();
        assertThat(plan.getRetryAfterMs()).isEqualTo(300_000);
        assertThat(plan.getExplanation()).isEqualTo("No plan: the catalog has no content 'unknown-content'.");
    }

    @Test
    void anUnreadablePlanRequestGoesToTheDeadLetterTopic() {
        KafkaTestClient kafka = KafkaTestClient.forTestBroker();
        String event = UUID.randomUUID().toString();
        kafka.send(Topics.PEER_PLAN_REQUESTS, me, new byte[] {(byte) 0xff, 0x01, 0x02}, event, "cascade.v1.PlanRequested");

        String dlq = Topics.deadLetter(Topics.PEER_PLAN_REQUESTS, "topology-service");
        await().atMost(WAIT).untilAsserted(() -> assertThat(KafkaTestClient.forTestBroker().readAll(dlq))
                .anySatisfy(record -> assertThat(record.key()).isEqualTo(me)));
    }

    private static PlanRequested planRequested(String eventId, String deviceId, String contentId, String sourceAddress) {
        return PlanRequested.newBuilder()
                .setOrigin(PeerReportOrigin.newBuilder().setEventId(eventId).setDeviceId(deviceId).setSourceAddress(sourceAddress))
                .setRequest(PlanRequest.newBuilder().setContentId(contentId)).build();
    }

    private static List<OutboundDatagram> outboundFor(String deviceId) {
        return KafkaTestClient.forTestBroker().readAll(Topics.GATEWAY_OUTBOUND).stream()
                .filter(record -> deviceId.equals(record.key())).map(SourcePlanningTest::parse).toList();
    }

    private static OutboundDatagram parse(ConsumerRecord<String, byte[]> record) {
        try {
            return OutboundDatagram.parseFrom(record.value());
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("cascade.gateway.outbound holds a record that is not an OutboundDatagram", e);
        }
    }
}
