package dev.cascade.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.ContentHolding;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.InventoryReported;
import dev.cascade.contracts.v1.PeerHeartbeatReceived;
import dev.cascade.contracts.v1.PeerReportOrigin;
import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.PlanRequested;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.contracts.v1.SourceBytes;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.TransferReport;
import dev.cascade.contracts.v1.TransferReported;
import dev.cascade.gateway.kafka.PeerReportRecords;
import dev.cascade.gateway.metrics.GatewayMetrics;
import dev.cascade.testkit.KafkaBrokerResource;
import dev.cascade.testkit.KafkaTestClient;
import dev.cascade.wire.DropReason;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.Reply;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.large.LargeRequestClient;
import dev.cascade.wire.large.SendSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * HEARTBEAT, INVENTORY_REPORT, TRANSFER_REPORT and PLAN_REQUEST from a peer: each becomes its event on its
 * topic, keyed by device id, ACKed once Kafka has it; a malformed one is refused naming the field and counted.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(GatewayKeyFileResource.class)
class PeerReportsTest extends GatewayTestSupport {

    private static final String DEPLOYMENT = "0b9d4c1e-2f3a-4b5c-8d6e-7f8091a2b3c4";
    private static final long NOW = System.currentTimeMillis();

    static Heartbeat heartbeat(String clientVersion) {
        return Heartbeat.newBuilder().setIpAddress("10.1.2.3").setPrefixLength(24).setFreeStorageBytes(50_000_000_000L)
                .setUsableStorageBytes(20_000_000_000L).setBootTimeUnixMs(NOW - 3_600_000).setBusy(true)
                .setClientVersion(clientVersion).build();
    }

    static ContentHolding cached(String contentId, int pieces) {
        byte[] bitmap = new byte[(pieces + 7) / 8];
        for (int i = 0; i < pieces; i++) {
            bitmap[i / 8] |= (byte) (1 << (i % 8));
        }
        return ContentHolding.newBuilder().setContentId(contentId).setDeploymentId(DEPLOYMENT)
                .setState(ContentState.CONTENT_STATE_CACHED).setPieceCount(pieces).setPieces(ByteString.copyFrom(bitmap))
                .setChangedAtUnixMs(NOW).build();
    }

    static InventoryReport inventory(int holdings) {
        InventoryReport.Builder report = InventoryReport.newBuilder().setReportSequence(NOW).setComplete(true);
        for (int i = 0; i < holdings; i++) {
            report.addHoldings(cached("content-" + i, 100));
        }
        return report.build();
    }

    static TransferReport transfer() {
        return TransferReport.newBuilder().setTransferId(UUID.randomUUID().toString()).setContentId("blob-7")
                .setDeploymentId(DEPLOYMENT)
                .addBytesBySource(SourceBytes.newBuilder().setSourceClass(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER)
                        .setBytes(700_000_000L))
                .setStartedUnixMs(NOW - 60_000).setFinishedUnixMs(NOW).setCompleted(true).build();
    }

    static PlanRequest planRequest() {
        return PlanRequest.newBuilder().setContentId("blob-7").setDeploymentId(DEPLOYMENT)
                .addAvoidDeviceIds(UUID.randomUUID().toString()).build();
    }

    static Stream<Arguments> reports() {
        return Stream.of(
                Arguments.of(MessageType.HEARTBEAT, heartbeat("1.2.0"), "cascade.v1.PeerHeartbeatReceived"),
                Arguments.of(MessageType.INVENTORY_REPORT, inventory(3), "cascade.v1.InventoryReported"),
                Arguments.of(MessageType.TRANSFER_REPORT, transfer(), "cascade.v1.TransferReported"),
                Arguments.of(MessageType.PLAN_REQUEST, planRequest(), "cascade.v1.PlanRequested"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void eachReportIsPublishedToItsTopicAndAcknowledgedWithItsEventId(MessageType type, Message report,
                                                                     String eventType) throws Exception {
        String label = type.name().toLowerCase();
        double acceptedBefore = counter(GatewayMetrics.ACCEPTED, "type", label);
        try (TestPeer peer = new TestPeer(fleetKey())) {
            long before = System.currentTimeMillis();
            Reply reply = peer.request(type, report.toByteArray());
            long after = System.currentTimeMillis();

            assertThat(reply).isInstanceOf(Reply.Acked.class);
            Ack ack = ((Reply.Acked) reply).ack();
            ConsumerRecord<String, byte[]> record = onlyRecord(PeerReportRecords.topic(type), peer.id);
            assertThat(EventHeaders.required(record.headers(), EventHeaders.EVENT_ID)).isEqualTo(ack.getEventId());
            assertThat(EventHeaders.required(record.headers(), EventHeaders.EVENT_TYPE)).isEqualTo(eventType);

            PeerReportOrigin origin = switch (type) {
                case HEARTBEAT -> {
                    PeerHeartbeatReceived event = PeerHeartbeatReceived.parseFrom(record.value());
                    assertThat(event.getHeartbeat()).isEqualTo(report);
                    yield event.getOrigin();
                }
                case INVENTORY_REPORT -> {
                    InventoryReported event = InventoryReported.parseFrom(record.value());
                    assertThat(event.getReport()).isEqualTo(report);
                    yield event.getOrigin();
                }
                case TRANSFER_REPORT -> {
                    TransferReported event = TransferReported.parseFrom(record.value());
                    assertThat(event.getReport()).isEqualTo(report);
                    yield event.getOrigin();
                }
                default -> {
                    PlanRequested event = PlanRequested.parseFrom(record.value());
                    assertThat(event.getRequest()).isEqualTo(report);
                    yield event.getOrigin();
                }
            };
            assertThat(origin.getEventId()).isEqualTo(ack.getEventId());
            assertThat(origin.getDeviceId()).isEqualTo(peer.id.toString());
            assertThat(origin.getSourceAddress()).isEqualTo("127.0.0.1:" + peer.port());
            assertThat(origin.getSentAtUnixMs()).isBetween(before, after);
            assertThat(origin.getReceivedAtUnixMs()).isBetween(origin.getSentAtUnixMs(), after);
            assertThat(origin.getGatewayId()).isEqualTo("gateway-test");
            assertThat((long) origin.getKeyId()).as("the key that authenticated the report").isEqualTo(peer.key.id());
        }
        await().atMost(Duration.ofSeconds(5))
                .until(() -> counter(GatewayMetrics.ACCEPTED, "type", label) == acceptedBefore + 1);
    }

    static Stream<Arguments> malformedReports() {
        return Stream.of(
                Arguments.of(MessageType.HEARTBEAT, heartbeat("1.2.0").toBuilder().setIpAddress("pc-0042").build(),
                        "ip_address 'pc-0042' is not an IPv4 or IPv6 address literal"),
                Arguments.of(MessageType.INVENTORY_REPORT, inventory(2).toBuilder()
                        .addHoldings(cached("content-1", 3)).build(),
                        "holdings[2].content_id 'content-1' is listed twice"),
                Arguments.of(MessageType.INVENTORY_REPORT, inventory(1).toBuilder()
                        .setHoldings(0, cached("content-0", 12).toBuilder().setPieces(ByteString.copyFrom(new byte[1])))
                        .build(), "holdings[0].pieces has 1 bytes; 12 pieces need exactly 2"),
                Arguments.of(MessageType.TRANSFER_REPORT, transfer().toBuilder().setFinishedUnixMs(NOW - 60_001).build(),
                        "finished_unix_ms " + (NOW - 60_001) + " is before started_unix_ms " + (NOW - 60_000)),
                Arguments.of(MessageType.PLAN_REQUEST, planRequest().toBuilder().addAvoidDeviceIds("PC-0042").build(),
                        "avoid_device_ids[1] 'PC-0042' is not a UUID"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("malformedReports")
    void aMalformedReportIsRefusedNamingTheFieldCountedAndNotPublished(MessageType type, Message report,
                                                                      String detail) throws Exception {
        String label = type.name().toLowerCase();
        double malformedBefore = counter(GatewayMetrics.MALFORMED, "type", label);
        double rejectedBefore = rejected(DropReason.MALFORMED_PAYLOAD);
        try (TestPeer peer = new TestPeer(fleetKey())) {
            Reply reply = peer.request(type, report.toByteArray());

            assertThat(reply).isInstanceOf(Reply.Rejected.class);
            Reply.Rejected rejected = (Reply.Rejected) reply;
            assertThat(rejected.authenticated()).isTrue();
            assertThat(rejected.reject().getReason()).isEqualTo(RejectReason.REJECT_REASON_MALFORMED_PAYLOAD);
            // a REJECT may not be much larger than what it answers, so the detail may be cut short
            String got = rejected.reject().getDetail();
            assertThat(got).hasSizeGreaterThan(20);
            assertThat(got.startsWith(detail) || detail.startsWith(got)).as("detail '%s' agrees with '%s'", got, detail)
                    .isTrue();
            assertThat(counter(GatewayMetrics.MALFORMED, "type", label)).isEqualTo(malformedBefore + 1);
            assertThat(rejected(DropReason.MALFORMED_PAYLOAD)).isEqualTo(rejectedBefore + 1);
            assertThat(recordsOf(PeerReportRecords.topic(type), peer.id)).isEmpty();
        }
    }

    @Test
    void aHeartbeatFromAnUnsupportedClientVersionIsRefusedWithTheSupportedRange() throws Exception {
        try (TestPeer peer = new TestPeer(fleetKey())) {
            Reply reply = peer.request(MessageType.HEARTBEAT, heartbeat("2.0.0").toByteArray());

            assertThat(reply).isInstanceOf(Reply.Rejected.class);
            Reply.Rejected rejected = (Reply.Rejected) reply;
            assertThat(rejected.reject().getReason()).isEqualTo(RejectReason.REJECT_REASON_UNSUPPORTED_CLIENT_VERSION);
            assertThat(rejected.reject().getSupportedClientVersions().getMax()).isEqualTo("1.99.99");
        }
    }

    @Test
    void anInventoryOfTwoThousandHoldingsArrivesAsALargeMessageAndIsPublishedWhole() throws Exception {
        InventoryReport report = inventory(2_000);
        assertThat(report.getSerializedSize()).isGreaterThan(65_427); // does not fit one datagram
        double completed = counter(GatewayMetrics.LARGE_MESSAGES, "type", "inventory_report", "outcome", "completed");
        UUID device = UUID.randomUUID();
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            LargeRequestClient client = new LargeRequestClient(socket, device, fleetKey(), new SequenceCounter(),
                    Clock.systemUTC(), SendSettings.DEFAULTS);

            Reply reply = client.send(MessageType.INVENTORY_REPORT, report.toByteArray(),
                    TestPeer.gatewayAddress("large-messages-foreground"), 2, Duration.ofSeconds(10));

            assertThat(reply).isInstanceOf(Reply.Acked.class);
            ConsumerRecord<String, byte[]> record = onlyRecord(PeerReportRecords.topic(MessageType.INVENTORY_REPORT), device);
            InventoryReported event = InventoryReported.parseFrom(record.value());
            assertThat(event.getReport()).isEqualTo(report);
            assertThat(event.getReport().getHoldingsCount()).isEqualTo(2_000);
            assertThat(event.getOrigin().getEventId()).isEqualTo(((Reply.Acked) reply).ack().getEventId());
            assertThat(event.getOrigin().getSourceAddress()).isEqualTo("127.0.0.1:" + socket.getLocalPort());
        }
        assertThat(counter(GatewayMetrics.LARGE_MESSAGES, "type", "inventory_report", "outcome", "completed"))
                .isEqualTo(completed + 1);
    }

    private double counter(String name, String tag, String value, String tag2, String value2) {
        return registry.get(name).tag(tag, value).tag(tag2, value2).counter().count();
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(String topic, UUID device) {
        return new ArrayList<>(new KafkaTestClient(bootstrapServers).read(topic, Integer.MAX_VALUE, Duration.ofSeconds(3))
                .stream().filter(record -> device.toString().equals(record.key())).toList());
    }

    private ConsumerRecord<String, byte[]> onlyRecord(String topic, UUID device) {
        List<ConsumerRecord<String, byte[]>> records = recordsOf(topic, device);
        assertThat(records).as("records of " + device + " on " + topic).hasSize(1);
        return records.get(0);
    }
}
