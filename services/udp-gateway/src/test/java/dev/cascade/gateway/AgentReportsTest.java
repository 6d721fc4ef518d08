package dev.cascade.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.agent.AgentConfig;
import dev.cascade.agent.AgentVersion;
import dev.cascade.agent.HeartbeatExchange;
import dev.cascade.agent.Outcome;
import dev.cascade.agent.PeerReports;
import dev.cascade.agent.Registration;
import dev.cascade.agent.RegistrationLoop;
import dev.cascade.agent.ServerAddress;
import dev.cascade.agent.StorageFacts;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.InventoryReported;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.contracts.v1.PeerHeartbeatReceived;
import dev.cascade.contracts.v1.TransferReport;
import dev.cascade.contracts.v1.TransferReported;
import dev.cascade.testkit.KafkaBrokerResource;
import dev.cascade.testkit.KafkaTestClient;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.SmallMessageClient;
import dev.cascade.wire.large.LargeRequestClient;
import dev.cascade.wire.large.SendSettings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The real agent code against this gateway and a real Kafka broker: the long-running loop registers and then
 * heartbeats, and each heartbeat lands on cascade.peer.heartbeats; {@link PeerReports} sends a transfer report
 * in one datagram and an inventory of 2 000 contents as a large message, and both land on their topics.
 */
@QuarkusTest
@QuarkusTestResource(KafkaBrokerResource.class)
@QuarkusTestResource(GatewayKeyFileResource.class)
class AgentReportsTest extends GatewayTestSupport {

    @TempDir
    Path dir;

    private AgentConfig config(Duration heartbeatInterval) {
        InetSocketAddress gateway = TestPeer.gatewayAddress();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        return new AgentConfig(ServerAddress.parse("127.0.0.1:" + gateway.getPort()), gateway, fleetKey(), dir,
                loopback, 0, "pc-agent", loopback, 8, DeviceClass.DEVICE_CLASS_DESKTOP, OsType.OS_TYPE_WORKSTATION,
                dir.resolve("cache"), OptionalLong.empty(), false, Duration.ofHours(1), heartbeatInterval, 3,
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void theRunningAgentsHeartbeatsReachTheHeartbeatTopic() throws Exception {
        AgentConfig config = config(Duration.ofMillis(300));
        UUID device = UUID.randomUUID();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exitCode = new AtomicInteger(-1);
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(config.bind(), 0))) {
            SmallMessageClient client = new SmallMessageClient(socket, device, config.key(), new SequenceCounter(),
                    Clock.systemUTC());
            StorageFacts storage = new StorageFacts(config.cacheDir(), OptionalLong.empty());
            long bootTime = System.currentTimeMillis() - 3_600_000;
            RegistrationLoop loop = new RegistrationLoop(
                    new Registration(config, device, client, storage, bootTime, Clock.systemUTC()),
                    new HeartbeatExchange(config, client, storage, bootTime, () -> true, Clock.systemUTC()),
                    config, pause -> Thread.sleep(pause.toMillis()), new PrintWriter(out), new PrintWriter(err));
            Thread agent = new Thread(() -> {
                try {
                    exitCode.set(loop.runUntilStopped());
                } catch (InterruptedException e) {
                    exitCode.set(-2); // stopped by the test
                }
            }, "agent-loop");
            agent.start();
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> recordsOf(Topics.PEER_HEARTBEATS, device).size() >= 2);
            } finally {
                agent.interrupt();
                agent.join(10_000);
            }

            assertThat(exitCode.get()).as("stopped by the test, not by a refusal: " + err).isEqualTo(-2);
            // at least once: on a loaded machine a heartbeat may go unanswered within the short test timeouts, and
            // an agent whose heartbeat is unanswered registers again (RegistrationLoop)
            assertThat(recordsOf(Topics.PEER_REGISTRATIONS, device)).isNotEmpty();
            ConsumerRecord<String, byte[]> first = recordsOf(Topics.PEER_HEARTBEATS, device).get(0);
            assertThat(first.key()).isEqualTo(device.toString());
            PeerHeartbeatReceived event = PeerHeartbeatReceived.parseFrom(first.value());
            Heartbeat heartbeat = event.getHeartbeat();
            assertThat(heartbeat.getIpAddress()).isEqualTo(loopbackText());
            assertThat(heartbeat.getPrefixLength()).isEqualTo(8);
            assertThat(heartbeat.getBusy()).isTrue();
            assertThat(heartbeat.getBootTimeUnixMs()).isEqualTo(bootTime);
            assertThat(heartbeat.getClientVersion()).isEqualTo(AgentVersion.CLIENT_VERSION);
            assertThat(heartbeat.getUsableStorageBytes()).isPositive();
            assertThat(event.getOrigin().getDeviceId()).isEqualTo(device.toString());
            assertThat(event.getOrigin().getSourceAddress()).isEqualTo(loopbackText() + ":" + socket.getLocalPort());
            assertThat(err.toString()).isEmpty();
        }
    }

    @Test
    void peerReportsSendsASmallTransferReportAndALargeInventory() throws Exception {
        AgentConfig config = config(Duration.ofMinutes(1));
        UUID device = UUID.randomUUID();
        try (DatagramSocket smallSocket = new DatagramSocket(new InetSocketAddress(config.bind(), 0));
             DatagramSocket largeSocket = new DatagramSocket(new InetSocketAddress(config.bind(), 0))) {
            SequenceCounter sequences = new SequenceCounter();
            PeerReports reports = new PeerReports(config,
                    new SmallMessageClient(smallSocket, device, config.key(), sequences, Clock.systemUTC()),
                    new LargeRequestClient(largeSocket, device, config.key(), sequences, Clock.systemUTC(),
                            SendSettings.DEFAULTS),
                    TestPeer.gatewayAddress("large-messages-foreground"), Clock.systemUTC());
            TransferReport transfer = PeerReportsTest.transfer();
            InventoryReport inventory = PeerReportsTest.inventory(2_000);
            assertThat(transfer.getSerializedSize()).isLessThanOrEqualTo(PeerReports.SMALL_PAYLOAD_LIMIT);
            assertThat(inventory.getSerializedSize()).isGreaterThan(PeerReports.SMALL_PAYLOAD_LIMIT);

            Outcome sentTransfer = reports.sendTransfer(transfer);
            Outcome sentInventory = reports.sendInventory(inventory);

            assertThat(sentTransfer.registered()).as(sentTransfer.message()).isTrue();
            assertThat(sentInventory.registered()).as(sentInventory.message()).isTrue();
            List<ConsumerRecord<String, byte[]>> transfers = recordsOf(Topics.PEER_TRANSFERS, device);
            assertThat(transfers).hasSize(1);
            TransferReported transferEvent = TransferReported.parseFrom(transfers.get(0).value());
            assertThat(transferEvent.getReport()).isEqualTo(transfer);
            assertThat(transferEvent.getOrigin().getSourceAddress()).endsWith(":" + smallSocket.getLocalPort());
            List<ConsumerRecord<String, byte[]>> inventories = recordsOf(Topics.PEER_INVENTORY, device);
            assertThat(inventories).hasSize(1);
            InventoryReported inventoryEvent = InventoryReported.parseFrom(inventories.get(0).value());
            assertThat(inventoryEvent.getReport()).isEqualTo(inventory);
            assertThat(inventoryEvent.getOrigin().getSourceAddress()).endsWith(":" + largeSocket.getLocalPort());
        }
    }

    @Test
    void aMalformedReportIsRefusedBeforeAnythingIsSent() throws Exception {
        AgentConfig config = config(Duration.ofMinutes(1));
        UUID device = UUID.randomUUID();
        try (DatagramSocket smallSocket = new DatagramSocket(new InetSocketAddress(config.bind(), 0));
             DatagramSocket largeSocket = new DatagramSocket(new InetSocketAddress(config.bind(), 0))) {
            SequenceCounter sequences = new SequenceCounter();
            PeerReports reports = new PeerReports(config,
                    new SmallMessageClient(smallSocket, device, config.key(), sequences, Clock.systemUTC()),
                    new LargeRequestClient(largeSocket, device, config.key(), sequences, Clock.systemUTC(),
                            SendSettings.DEFAULTS),
                    TestPeer.gatewayAddress("large-messages-foreground"), Clock.systemUTC());
            TransferReport noId = PeerReportsTest.transfer().toBuilder().setTransferId("").build();

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> reports.sendTransfer(noId))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("the transfer report is malformed: transfer_id '' is not a UUID in lower-case text form"
                            + " (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
            assertThat(recordsOf(Topics.PEER_TRANSFERS, device)).isEmpty();
        }
    }

    private static String loopbackText() {
        return InetAddress.getLoopbackAddress().getHostAddress();
    }

    private List<ConsumerRecord<String, byte[]>> recordsOf(String topic, UUID device) {
        return new KafkaTestClient(bootstrapServers).read(topic, Integer.MAX_VALUE, Duration.ofSeconds(2)).stream()
                .filter(record -> device.toString().equals(record.key())).toList();
    }
}
