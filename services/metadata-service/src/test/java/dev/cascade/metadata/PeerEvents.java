package dev.cascade.metadata;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.ConfigProvider;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.ConnectorRequestReceived;
import dev.cascade.contracts.v1.ContentHolding;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.InventoryReported;
import dev.cascade.contracts.v1.PeerHeartbeatReceived;
import dev.cascade.contracts.v1.PeerRegistered;
import dev.cascade.contracts.v1.PeerReplyReceived;
import dev.cascade.contracts.v1.PeerReportOrigin;
import dev.cascade.contracts.v1.Register;
import dev.cascade.contracts.v1.TransferReport;
import dev.cascade.contracts.v1.TransferReported;
import dev.cascade.testkit.KafkaTestClient;

/** Publishes the events metadata-service consumes, as udp-gateway would, on the test broker. */
final class PeerEvents {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String REGISTERED = PeerRegistered.getDescriptor().getFullName();
    static final String HEARTBEAT = PeerHeartbeatReceived.getDescriptor().getFullName();
    static final String INVENTORY = InventoryReported.getDescriptor().getFullName();
    static final String TRANSFER = TransferReported.getDescriptor().getFullName();
    static final String CONNECTOR = ConnectorRequestReceived.getDescriptor().getFullName();
    static final String REPLY = PeerReplyReceived.getDescriptor().getFullName();
    static final String CONNECTOR_ID = "5d1c7d4e-0000-4000-8000-000000000001";

    final KafkaTestClient kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));

    /** Registers a new device at {@code ip} (the fake topology places it in {@code officeId}), now; waits until it has the office. */
    String register(String ip, String officeId) {
        String device = UUID.randomUUID().toString();
        FakeNeighbours.topology.place(ip, officeId, "Office " + officeId);
        register(device, ip, Instant.now());
        await().atMost(WAIT).untilAsserted(() -> given().get("/peers/" + device).then().statusCode(200)
                .body("office.officeId", equalTo(officeId)));
        return device;
    }

    void register(String device, String ip, Instant at) {
        PeerRegistered event = PeerRegistered.newBuilder().setEventId(UUID.randomUUID().toString()).setDeviceId(device)
                .setRegistration(Register.newBuilder().setHostname("pc-" + device.substring(0, 8)).setIpAddress(ip)
                        .setPrefixLength(24).setDeviceClass(DeviceClass.DEVICE_CLASS_DESKTOP).setClientVersion("1.0.0"))
                .setSourceAddress(ip + ":34324").setSentAtUnixMs(at.toEpochMilli()).setReceivedAtUnixMs(at.toEpochMilli())
                .setGatewayId("test").build();
        kafka.send(Topics.PEER_REGISTRATIONS, device, event.toByteArray(), event.getEventId(), REGISTERED);
    }

    static PeerReportOrigin origin(String eventId, String device, Instant sentAt, Instant receivedAt) {
        return PeerReportOrigin.newBuilder().setEventId(eventId).setDeviceId(device).setSourceAddress("127.0.0.1:34323")
                .setSentAtUnixMs(sentAt.toEpochMilli()).setReceivedAtUnixMs(receivedAt.toEpochMilli()).setGatewayId("test").build();
    }

    void heartbeat(String eventId, String device, Heartbeat.Builder heartbeat, Instant sentAt, Instant receivedAt) {
        PeerHeartbeatReceived event = PeerHeartbeatReceived.newBuilder().setOrigin(origin(eventId, device, sentAt, receivedAt))
                .setHeartbeat(heartbeat).build();
        kafka.send(Topics.PEER_HEARTBEATS, device, event.toByteArray(), eventId, HEARTBEAT);
    }

    void inventory(String eventId, String device, long sequence, boolean complete, ContentHolding... holdings) {
        InventoryReported event = InventoryReported.newBuilder()
                .setOrigin(origin(eventId, device, Instant.now(), Instant.now()))
                .setReport(InventoryReport.newBuilder().setReportSequence(sequence).setComplete(complete)
                        .addAllHoldings(List.of(holdings)))
                .build();
        kafka.send(Topics.PEER_INVENTORY, device, event.toByteArray(), eventId, INVENTORY);
    }

    void inventory(String device, long sequence, boolean complete, ContentHolding... holdings) {
        inventory(UUID.randomUUID().toString(), device, sequence, complete, holdings);
    }

    static ContentHolding holding(String contentId, ContentState state, int pieceCount, int piecesHeld, String detail) {
        byte[] bitmap = new byte[(pieceCount + 7) / 8];
        for (int i = 0; i < piecesHeld; i++) {
            bitmap[i / 8] |= (byte) (1 << (i % 8));
        }
        return ContentHolding.newBuilder().setContentId(contentId).setState(state).setPieceCount(pieceCount)
                .setPieces(ByteString.copyFrom(bitmap)).setDetail(detail == null ? "" : detail)
                .setChangedAtUnixMs(System.currentTimeMillis()).build();
    }

    void transfer(String eventId, String device, TransferReport report) {
        TransferReported event = TransferReported.newBuilder().setOrigin(origin(eventId, device, Instant.now(), Instant.now()))
                .setReport(report).build();
        kafka.send(Topics.PEER_TRANSFERS, device, event.toByteArray(), eventId, TRANSFER);
    }

    /** A peer's ACK (0x02) or REJECT (0x03) of a server message, received by the gateway at {@code receivedAt}. */
    void reply(String eventId, String device, int messageType, com.google.protobuf.Message payload, Instant receivedAt) {
        PeerReplyReceived event = PeerReplyReceived.newBuilder().setEventId(eventId).setDeviceId(device)
                .setSourceAddress("127.0.0.1:34322").setReceivedAtUnixMs(receivedAt.toEpochMilli()).setGatewayId("test")
                .setMessageType(messageType).setPayload(payload.toByteString()).build();
        kafka.send(Topics.PEER_REPLIES, device, event.toByteArray(), eventId, REPLY);
    }

    void publish(String eventId, AppMetadata metadata) {
        ConnectorRequestReceived event = ConnectorRequestReceived.newBuilder().setEventId(eventId)
                .setConnectorId(CONNECTOR_ID).setReceivedAtUnixMs(System.currentTimeMillis())
                .setAppMetadata(metadata).build();
        kafka.send(Topics.CONNECTOR_REQUESTS, event.getConnectorId(), event.toByteArray(), eventId, CONNECTOR);
    }

    /** A content of {@code size} bytes in pieces of {@code pieceSize}, with its piece hashes, as the connector publishes it. */
    static AppMetadata content(String contentId, long size, int pieceSize) {
        AppMetadata.Builder metadata = AppMetadata.newBuilder().setContentId(contentId).setName("App " + contentId)
                .setVersion("1.0").setSizeBytes(size).setPieceSize(pieceSize)
                .setSha256(ByteString.copyFrom(sha256(contentId))).setOriginUrl("https://cdn.example/" + contentId);
        long pieces = (size + pieceSize - 1) / pieceSize;
        for (int i = 0; i < pieces; i++) {
            metadata.addPieceHashes(ByteString.copyFrom(sha256(contentId + "#" + i)));
        }
        return metadata.build();
    }

    /** Publishes a deployable content and waits until the catalog has it. */
    String deployableContent() {
        String contentId = "app-" + UUID.randomUUID();
        publish(UUID.randomUUID().toString(), content(contentId, 10_000, 4096));
        await().atMost(WAIT).untilAsserted(() -> given().get("/contents/" + contentId).then().statusCode(200)
                .body("deployable", equalTo(true)));
        return contentId;
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "10.x.y." with random x, y: addresses no other test uses. */
    static String subnet() {
        int n = (int) (Math.random() * 60_000);
        return "10." + (100 + n / 256 % 150) + "." + (n % 256) + ".";
    }

    static List<String> ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    /** The value of the first Prometheus sample whose line starts with {@code prefix}; 0 when there is none yet. */
    static double metric(String prefix) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0.0);
    }
}
