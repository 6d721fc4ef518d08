package dev.cascade.metadata;

import static dev.cascade.metadata.PeerEvents.WAIT;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.CatalogContent;
import dev.cascade.contracts.v1.ConnectorRequestReceived;
import dev.cascade.contracts.v1.GetContentRequest;
import dev.cascade.contracts.v1.MetadataServiceGrpc;
import dev.cascade.contracts.v1.StatusRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.restassured.path.json.JsonPath;

/**
 * The content catalog fed by the connector's APP_METADATA (ConnectorRequestReceived on a real
 * broker), read over REST and gRPC. On H2 ({@link CatalogTest}) and SQL Server ({@link CatalogSqlServerTest}).
 */
abstract class CatalogContract {

    private final PeerEvents events = new PeerEvents();

    @GrpcClient("metadata")
    MetadataServiceGrpc.MetadataServiceBlockingStub metadata;

    @BeforeEach
    void dependenciesAreUp() {
        FakeNeighbours.up();
    }

    @Test
    void aPublishedContentIsInTheCatalogWithItsPieceHashesOnlyWhenAsked() {
        String contentId = "app-" + UUID.randomUUID();
        AppMetadata published = PeerEvents.content(contentId, 10_000, 4096);
        events.publish(UUID.randomUUID().toString(), published);

        await().atMost(WAIT).untilAsserted(() -> given().get("/contents/" + contentId).then().statusCode(200));
        JsonPath content = given().get("/contents/" + contentId).then().statusCode(200).extract().jsonPath();
        assertThat(content.getString("name")).isEqualTo("App " + contentId);
        assertThat(content.getString("version")).isEqualTo("1.0");
        assertThat(content.getLong("sizeBytes")).isEqualTo(10_000);
        assertThat(content.getInt("pieceSize")).isEqualTo(4096);
        assertThat(content.getInt("pieceCount")).isEqualTo(3);
        assertThat(content.getString("sha256")).isEqualTo(HexFormat.of().formatHex(PeerEvents.sha256(contentId)));
        assertThat(content.getString("originUrl")).isEqualTo("https://cdn.example/" + contentId);
        assertThat(content.getBoolean("deployable")).isTrue();
        assertThat(content.getString("notDeployableReason")).isNull();
        assertThat(content.getList("pieceHashes")).isNull();

        List<String> hashes = given().queryParam("pieces", true).get("/contents/" + contentId).then().statusCode(200)
                .extract().jsonPath().getList("pieceHashes", String.class);
        assertThat(hashes).containsExactly(HexFormat.of().formatHex(PeerEvents.sha256(contentId + "#0")),
                HexFormat.of().formatHex(PeerEvents.sha256(contentId + "#1")),
                HexFormat.of().formatHex(PeerEvents.sha256(contentId + "#2")));
        given().queryParam("limit", 500).get("/contents").then().statusCode(200).body("items.contentId", hasItem(contentId));

        CatalogContent viaGrpc = metadata.getContent(GetContentRequest.newBuilder().setContentId(contentId).build());
        assertThat(viaGrpc.getDeployable()).isTrue();
        assertThat(viaGrpc.getMetadata().getSha256()).isEqualTo(published.getSha256());
        assertThat(viaGrpc.getMetadata().getPieceSize()).isEqualTo(4096);
        assertThat(viaGrpc.getMetadata().getPieceHashesCount()).isZero();
        assertThat(viaGrpc.getPublishedAtUnixMs()).isPositive();
    }

    @Test
    void aContentWithoutValidPieceHashesIsStoredNotDeployableUntilTheyArePublished() {
        String contentId = "app-" + UUID.randomUUID();
        AppMetadata complete = PeerEvents.content(contentId, 10_000, 4096);
        events.publish(UUID.randomUUID().toString(), complete.toBuilder().clearPieceHashes().build());
        await().atMost(WAIT).untilAsserted(() -> given().get("/contents/" + contentId).then().statusCode(200)
                .body("deployable", equalTo(false))
                .body("notDeployableReason", containsString("expected 3")));

        // two hashes for three pieces is not valid either: still not deployable
        events.publish(UUID.randomUUID().toString(), complete.toBuilder().clearPieceHashes()
                .addPieceHashes(complete.getPieceHashes(0)).addPieceHashes(complete.getPieceHashes(1)).build());
        await().atMost(WAIT).untilAsserted(() -> given().get("/contents/" + contentId).then()
                .body("publications", equalTo(2))
                .body("deployable", equalTo(false))
                .body("notDeployableReason", containsString("2 piece hashes")));

        events.publish(UUID.randomUUID().toString(), complete);
        await().atMost(WAIT).untilAsserted(() -> given().get("/contents/" + contentId).then()
                .body("deployable", equalTo(true))
                .body("notDeployableReason", nullValue()));
        assertThat(metadata.getContent(GetContentRequest.newBuilder().setContentId(contentId).build()).getDeployable()).isTrue();
    }

    @Test
    void aRepublicationWithTheSameHashUpdatesTheDescriptionAndTheSameEventCountsOnce() {
        String contentId = "app-" + UUID.randomUUID();
        AppMetadata first = PeerEvents.content(contentId, 10_000, 4096);
        String event = UUID.randomUUID().toString();
        events.publish(event, first);
        events.publish(event, first);
        AppMetadata renamed = first.toBuilder().setName("Renamed").setVersion("1.0.1").setOriginUrl("https://files.example/x")
                .clearPieceHashes().build(); // without hashes: the known ones stay
        events.publish(UUID.randomUUID().toString(), renamed);

        await().atMost(WAIT).untilAsserted(() -> given().get("/contents/" + contentId).then().statusCode(200)
                .body("name", equalTo("Renamed")));
        given().get("/contents/" + contentId).then()
                .body("version", equalTo("1.0.1"))
                .body("originUrl", equalTo("https://files.example/x"))
                .body("publications", equalTo(2))
                .body("deployable", equalTo(true));
    }

    @Test
    void anotherBlobUnderAKnownIdGoesToTheDeadLetterTopicAndTheContentStays() {
        String contentId = "app-" + UUID.randomUUID();
        AppMetadata original = PeerEvents.content(contentId, 10_000, 4096);
        events.publish(UUID.randomUUID().toString(), original);
        await().atMost(WAIT).untilAsserted(() -> given().get("/contents/" + contentId).then().statusCode(200));

        String changed = UUID.randomUUID().toString();
        events.publish(changed, original.toBuilder().setSha256(ByteString.copyFrom(PeerEvents.sha256("other"))).setName("Other").build());
        String otherHashes = UUID.randomUUID().toString();
        events.publish(otherHashes, PeerEvents.content(contentId, 10_000, 4096).toBuilder()
                .setPieceHashes(0, ByteString.copyFrom(PeerEvents.sha256("bad piece"))).build());
        String badSha = UUID.randomUUID().toString();
        events.publish(badSha, original.toBuilder().setContentId("app-" + UUID.randomUUID()).setSha256(ByteString.copyFrom(new byte[5])).build());

        String dlq = Topics.deadLetter(Topics.CONNECTOR_REQUESTS, "metadata-service");
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.kafka.read(dlq, 1000, Duration.ofSeconds(5)))
                .anySatisfy(record -> {
                    assertThat(header(record, "cascade-event-id")).isEqualTo(changed);
                    assertThat(header(record, "dead-letter-reason")).contains(contentId, "immutable");
                })
                .anySatisfy(record -> {
                    assertThat(header(record, "cascade-event-id")).isEqualTo(otherHashes);
                    assertThat(header(record, "dead-letter-reason")).contains(contentId, "piece hashes");
                })
                .anySatisfy(record -> {
                    assertThat(header(record, "cascade-event-id")).isEqualTo(badSha);
                    assertThat(header(record, "dead-letter-reason")).contains("sha256 is 5 bytes");
                }));
        given().get("/contents/" + contentId).then()
                .body("name", equalTo("App " + contentId))
                .body("sha256", equalTo(HexFormat.of().formatHex(PeerEvents.sha256(contentId))))
                .body("publications", equalTo(1));
    }

    @Test
    void otherConnectorRequestsAreLeftToActivationService() {
        String status = UUID.randomUUID().toString();
        ConnectorRequestReceived request = ConnectorRequestReceived.newBuilder().setEventId(status)
                .setConnectorId(PeerEvents.CONNECTOR_ID).setStatus(StatusRequest.newBuilder().setConnectorVersion("1.0.0")).build();
        events.kafka.send(Topics.CONNECTOR_REQUESTS, PeerEvents.CONNECTOR_ID, request.toByteArray(), status, PeerEvents.CONNECTOR);
        events.deployableContent(); // same key, so consumed after the status request

        String dlq = Topics.deadLetter(Topics.CONNECTOR_REQUESTS, "metadata-service");
        assertThat(events.kafka.read(dlq, 1000, Duration.ofSeconds(3)))
                .noneSatisfy(record -> assertThat(header(record, "cascade-event-id")).isEqualTo(status));
    }

    @Test
    void anUnknownContentIs404OverRestAndNotFoundOverGrpc() {
        String contentId = "app-" + UUID.randomUUID();
        given().get("/contents/" + contentId).then().statusCode(404).body("message", containsString(contentId));
        given().get("/contents/" + contentId + "/statistics").then().statusCode(404);
        assertThatThrownBy(() -> metadata.getContent(GetContentRequest.newBuilder().setContentId(contentId).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
                    assertThat(e.getStatus().getDescription()).contains(contentId);
                });
        given().queryParam("pieces", "maybe").get("/contents/" + contentId).then().statusCode(400)
                .body("message", containsString("'maybe'"));
    }

    private static String header(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
