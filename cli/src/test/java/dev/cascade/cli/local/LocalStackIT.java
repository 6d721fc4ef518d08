package dev.cascade.cli.local;

import static dev.cascade.cli.CliRun.cascade;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.cascade.cli.CliRun;
import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.KeyFamily;
import dev.cascade.contracts.v1.OsType;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.Register;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.testkit.KafkaTestClient;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.SequenceCounter;
import dev.cascade.wire.WireKey;
import io.restassured.path.json.JsonPath;

/**
 * The slice end to end on real infrastructure: the embedded KRaft broker, the five services as
 * their embedded builds, the real agent jar registering over a real UDP socket, and REST reads of
 * the result; forged and replayed datagrams rejected and counted; state kept across a restart.
 */
class LocalStackIT {

    private static final Path HOME = Path.of(System.getProperty("cascade.home", "..")).toAbsolutePath().normalize();

    @TempDir
    Path dataDir;

    @TempDir
    Path agentState;

    @TempDir
    Path vendor;

    /** The license-signing key licensing-service trusts in this stack (from `cascade vendor keygen`). */
    private String trustedLicenseKey;

    /** Where activation-service sends CLIENT_ACTIVATION, and the long-running agent listens. */
    private int agentListenPort;

    @Test
    void aPeerRegistersThroughTheWholeStackAndForgedOrReplayedDatagramsAreRejected() throws Exception {
        LocalStack.Settings settings = settings(dataDir);
        String deviceId;
        try (LocalStack stack = LocalStack.start(settings)) {
            AgentRun run = runAgent(stack, "e2e-pc-0001");
            assertThat(run.exitCode).as("agent output: %s", run.output).isEqualTo(0);
            assertThat(run.output).contains("registered device");
            deviceId = Files.readString(agentState.resolve("device-id")).trim();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().get(stack.url(Service.METADATA) + "/peers/" + deviceId).then().statusCode(200)
                            .body("hostname", equalTo("e2e-pc-0001"))
                            .body("office.name", equalTo("Central office"))
                            .body("license.state", equalTo("OVERAGE")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().get(stack.url(Service.LICENSING) + "/licenses/usage").then().statusCode(200)
                            .body("seatsUsed", equalTo(1)));

            // Raw datagrams: one genuine, the same bytes again (replay), and a tampered copy.
            WireKey fleet = KeyFile.current(stack.keyFile(), KeyPurpose.FLEET);
            UUID attacker = UUID.randomUUID();
            byte[] genuine = DatagramCodec.encode(MessageType.REGISTER, attacker, fleet, new SequenceCounter().next(),
                    System.currentTimeMillis(), register("e2e-replayed").toByteArray());
            byte[] tampered = genuine.clone();
            tampered[tampered.length - 40] ^= 0x20;
            try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                InetSocketAddress gateway = new InetSocketAddress(InetAddress.getLoopbackAddress(), stack.udpPort());
                double replaysBefore = rejected(stack, "replay");
                double badTagsBefore = rejected(stack, "bad_tag");

                socket.send(new DatagramPacket(genuine, genuine.length, gateway));
                assertThat(receive(socket, Duration.ofSeconds(10))).as("ACK for the genuine datagram").isNotNull();
                socket.send(new DatagramPacket(genuine, genuine.length, gateway));
                socket.send(new DatagramPacket(tampered, tampered.length, gateway));

                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    assertThat(rejected(stack, "replay")).isEqualTo(replaysBefore + 1);
                    assertThat(rejected(stack, "bad_tag")).isEqualTo(badTagsBefore + 1);
                });
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().get(stack.url(Service.METADATA) + "/peers/" + attacker).then().statusCode(200)
                            .body("registrations", equalTo(1)));

            movesThePeerIntoAnImportedOffice(stack, deviceId);
            activatesTheServerThroughTheConnectorAndEveryVerifierTakesTheNewKeys(stack, deviceId);
            plansAPublishedAndDeployedContentForThePeer(stack, deviceId);
        }
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count())
                .as("no service process outlives the stack").isZero();

        // A restart on the same data directory keeps the peer and its single seat.
        try (LocalStack stack = LocalStack.start(settings(dataDir))) {
            int registrations = given().get(stack.url(Service.METADATA) + "/peers/" + deviceId).then().statusCode(200)
                    .body("hostname", equalTo("e2e-pc-0001")).extract().path("registrations");
            AgentRun again = runAgent(stack, "e2e-pc-0001");
            assertThat(again.exitCode).as("agent output: %s", again.output).isEqualTo(0);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().get(stack.url(Service.METADATA) + "/peers/" + deviceId).then().statusCode(200)
                            .body("registrations", equalTo(registrations + 1)));
            given().get(stack.url(Service.LICENSING) + "/licenses/usage").then().statusCode(200)
                    .body("seatsUsed", equalTo(2)); // the e2e peer and the raw-datagram peer, each once
        }
    }

    /**
     * A topology uploaded over REST that gives the agent's address an office of its own: the dry run
     * names the peer as moving (from metadata-service's registry over gRPC ListPeers), the apply
     * publishes TopologyChanged, and metadata-service re-resolves the peer into the new office.
     */
    /**
     * The connector publishes a content (APP_METADATA over UDP with the connector key), an admin
     * deploys it to the agent's device over REST, and the planner — reading metadata-service's
     * planning state over gRPC — tells the device where to get it: nothing in the hierarchy holds it
     * and no seed is configured, so the device is its office's RVP and fetches from the origin.
     */
    private static void plansAPublishedAndDeployedContentForThePeer(LocalStack stack, String deviceId) throws Exception {
        String contentId = "e2e-app-" + UUID.randomUUID();
        int pieceSize = 1 << 20;
        java.security.MessageDigest whole = java.security.MessageDigest.getInstance("SHA-256");
        AppMetadata.Builder metadata = AppMetadata.newBuilder().setContentId(contentId).setName("E2E app").setVersion("1.0.0")
                .setSizeBytes(3L * pieceSize).setPieceSize(pieceSize).setOriginUrl("https://cdn.example.test/" + contentId);
        for (int i = 0; i < 3; i++) {
            byte[] piece = new byte[pieceSize];
            java.util.Arrays.fill(piece, (byte) i);
            whole.update(piece);
            metadata.addPieceHashes(com.google.protobuf.ByteString.copyFrom(
                    java.security.MessageDigest.getInstance("SHA-256").digest(piece)));
        }
        metadata.setSha256(com.google.protobuf.ByteString.copyFrom(whole.digest()));

        WireKey connector = KeyFile.current(stack.keyFile(), KeyPurpose.CONNECTOR);
        byte[] datagram = DatagramCodec.encode(MessageType.APP_METADATA, UUID.randomUUID(), connector,
                new SequenceCounter().next(), System.currentTimeMillis(), metadata.build().toByteArray());
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.send(new DatagramPacket(datagram, datagram.length,
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), stack.udpPort())));
            assertThat(receive(socket, Duration.ofSeconds(10))).as("ACK for APP_METADATA").isNotNull();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get(stack.url(Service.METADATA) + "/contents/" + contentId).then().statusCode(200)
                        .body("deployable", equalTo(true)));

        given().contentType("application/json")
                .body("{\"contentId\":\"" + contentId + "\",\"target\":{\"deviceIds\":[\"" + deviceId + "\"]},"
                        + "\"policy\":{\"mode\":\"PEER_TO_PEER\"}}")
                .post(stack.url(Service.METADATA) + "/deployments").then().statusCode(201);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().queryParam("device", deviceId).queryParam("content", contentId)
                        .get(stack.url(Service.TOPOLOGY) + "/plans").then().statusCode(200)
                        .body("officeId", equalTo("e2e-lab"))
                        .body("action", equalTo("FETCH"))
                        .body("rvp", equalTo(true))
                        .body("sources[0].protocol", equalTo("ORIGIN_HTTP"))
                        .body("sources[0].originUrl", equalTo("https://cdn.example.test/" + contentId))
                        .body("explanation", org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString())));
        given().queryParam("device", deviceId).queryParam("content", "not-in-the-catalog")
                .get(stack.url(Service.TOPOLOGY) + "/plans").then().statusCode(404);
    }

    /**
     * Activation end to end over UDP and Kafka: a license is imported, the connector stand-in activates
     * with a wrong license key (refused, its key file untouched) and then the right one; it receives the
     * new shared key wrapped with the installation key; the running agent receives CLIENT_ACTIVATION with
     * the new fleet key and signs its heartbeats with it, which the gateway verifies from the rewritten key
     * file without a restart (activation-service sees the agent on the current key); `status` answers;
     * `rotate-key` makes another shared key, which the gateway verifies at once; and deployments, refused
     * before, are accepted (the planning step after this one).
     */
    private void activatesTheServerThroughTheConnectorAndEveryVerifierTakesTheNewKeys(LocalStack stack, String deviceId)
            throws Exception {
        String content = "e2e-before-activation-" + UUID.randomUUID();
        given().contentType("application/json")
                .body("{\"contentId\":\"" + content + "\",\"target\":{\"all\":true},\"policy\":{\"mode\":\"PEER_TO_PEER\"}}")
                .post(stack.url(Service.METADATA) + "/deployments").then().statusCode(org.hamcrest.Matchers.oneOf(400, 409));

        Process agent = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", HOME.resolve("agent/target/cascade-agent.jar").toString(), "--server", "127.0.0.1:" + stack.udpPort(),
                "--key-file", stack.keyFile().toString(), "--state-dir", agentState.toString(), "--hostname", "e2e-pc-0001",
                "--bind", "127.0.0.1", "--reply-port", "0", "--listen-port", String.valueOf(agentListenPort),
                "--content-port", "0", "--background-port", "0", "--large-listen-port", "0", "--discovery-port", "0",
                "--heartbeat-interval", "2s").redirectErrorStream(true)
                .redirectOutput(agentState.resolve("agent.log").toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Files.readString(agentState.resolve("agent.log")))
                    .contains("listening for server messages"));

            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            Path license = vendor.resolve("e2e.license.json");
            CliRun issued = cascade("vendor", "issue-license", "--key", vendor.resolve("license-signing-key.pem").toString(),
                    "--customer", "E2E Branch Offices", "--seats", "10", "--license-key", "CSC-E2E0-0000-0002",
                    "--from", today.minusDays(1).toString(), "--until", today.plusDays(365).toString(), "--out", license.toString());
            assertThat(issued.exitCode()).as(issued.err()).isZero();
            CliRun imported = cascade("license", "import", license.toString(), "--url", stack.url(Service.LICENSING));
            assertThat(imported.exitCode()).as(imported.err()).isZero();

            String[] connector = {"--server", "127.0.0.1:" + stack.udpPort(), "--key-file", stack.connectorKeyFile().toString(),
                    "--listen-port", "0", "--attempts", "5"};
            WireKey installation = KeyFile.current(stack.connectorKeyFile(), KeyPurpose.CONNECTOR);
            String before = Files.readString(stack.connectorKeyFile());
            CliRun refused = cascade(concat(new String[] {"connector", "activate", "--license-key", "CSC-NONE-0000-0000",
                    "--server-name", "e2e-server", "--server-ip", "127.0.0.1"}, connector));
            assertThat(refused.exitCode()).as(refused.out() + refused.err()).isEqualTo(1);
            assertThat(refused.err()).contains("activation refused", "CSC-NONE-0000-0000");
            assertThat(Files.readString(stack.connectorKeyFile())).isEqualTo(before);

            CliRun activated = cascade(concat(new String[] {"connector", "activate", "--license-key", "CSC-E2E0-0000-0002",
                    "--server-name", "e2e-server", "--server-ip", "127.0.0.1"}, connector));
            assertThat(activated.exitCode()).as(activated.out() + activated.err()).isZero();
            assertThat(activated.out()).contains("activated e2e-server (127.0.0.1) for E2E Branch Offices");
            WireKey shared = KeyFile.current(stack.connectorKeyFile(), KeyPurpose.CONNECTOR);
            assertThat(shared.id()).isGreaterThan(installation.id());
            assertThat(KeyFile.current(stack.keyFile(), KeyPurpose.CONNECTOR)).isEqualTo(shared);

            // the agent learns the new fleet key and signs with it; the gateway verifies it from the rewritten file
            WireKey fleet = KeyFile.current(stack.keyFile(), KeyPurpose.FLEET);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(agentState.resolve("fleet-keys.properties")).exists();
                assertThat(KeyFile.current(agentState.resolve("fleet-keys.properties"), KeyPurpose.FLEET)).isEqualTo(fleet);
            });
            // the agent ACKed its CLIENT_ACTIVATION to the gateway's replies port; metadata-service counts the reply
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(metric(stack, Service.METADATA, "cascade_metadata_peer_acks_total")).isGreaterThanOrEqualTo(1));
            peersRejectOfAServerMessageReachesItsRecord(stack, deviceId);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    given().get(stack.url(Service.ACTIVATION) + "/activation/clients").then().statusCode(200)
                            .body("items.find { it.deviceId == '" + deviceId + "' }.keyId", equalTo((int) fleet.id()))
                            .body("items.find { it.deviceId == '" + deviceId + "' }.onCurrentKey", equalTo(true)));

            CliRun status = cascade(concat(new String[] {"connector", "status", "--json"}, connector));
            assertThat(status.exitCode()).as(status.out() + status.err()).isZero();
            JsonPath json = JsonPath.from(status.out());
            assertThat(json.getBoolean("activated")).isTrue();
            assertThat(json.getString("serverName")).isEqualTo("e2e-server");
            assertThat(json.getString("customer")).isEqualTo("E2E Branch Offices");
            assertThat(json.getLong("seatsPurchased")).isEqualTo(10);
            assertThat(json.getLong("activeClients")).isGreaterThanOrEqualTo(1);
            assertThat(json.getLong("fleetKeyId")).isEqualTo(fleet.id());

            CliRun rotated = cascade(concat(new String[] {"connector", "rotate-key"}, connector));
            assertThat(rotated.exitCode()).as(rotated.out() + rotated.err()).isZero();
            WireKey next = KeyFile.current(stack.connectorKeyFile(), KeyPurpose.CONNECTOR);
            assertThat(next.id()).isGreaterThan(shared.id());
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                CliRun after = cascade(concat(new String[] {"connector", "status", "--json"}, connector));
                assertThat(after.exitCode()).as(after.out() + after.err()).isZero();
                assertThat(JsonPath.from(after.out()).getLong("signedWithKeyId")).isEqualTo(next.id());
                assertThat(JsonPath.from(after.out()).getLong("connectorKeyId")).isEqualTo(next.id());
            });
        } finally {
            agent.destroy();
            assertThat(agent.waitFor(30, TimeUnit.SECONDS)).as("agent stopped").isTrue();
        }
    }

    /**
     * A SOURCE_PLAN the agent must refuse (no content id), sent as a service would (cascade.gateway.outbound): the
     * agent's REJECT goes back through the gateway's replies port and cascade.peer.replies to metadata-service,
     * which keeps it on the peer.
     */
    private void peersRejectOfAServerMessageReachesItsRecord(LocalStack stack, String deviceId) {
        SourcePlan broken = SourcePlan.newBuilder().setDeviceId(deviceId).setAction(PlanAction.PLAN_ACTION_FETCH)
                .setExplanation("refused by the agent: it names no content").build();
        OutboundDatagram outbound = OutboundDatagram.newBuilder().setEventId(UUID.randomUUID().toString())
                .setDestinationId(deviceId).setDestinationAddress("127.0.0.1").setDestinationPort(agentListenPort)
                .setMessageType(MessageType.SOURCE_PLAN.code()).setPayload(broken.toByteString())
                .setKeyFamily(KeyFamily.KEY_FAMILY_FLEET).build();
        new KafkaTestClient(stack.bootstrapServers()).send(Topics.GATEWAY_OUTBOUND, deviceId, outbound.toByteArray(),
                outbound.getEventId(), OutboundDatagram.getDescriptor().getFullName());

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get(stack.url(Service.METADATA) + "/peers/" + deviceId).then().statusCode(200)
                        .body("rejects", equalTo(1))
                        .body("lastReject.reason", equalTo("malformed_payload"))
                        .body("lastReject.detail", org.hamcrest.Matchers.startsWith("SOURCE_PLAN: content_id")));
        assertThat(metric(stack, Service.METADATA, "cascade_metadata_peer_rejects_total{reason=\"malformed_payload\""))
                .isEqualTo(1);
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = java.util.Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }

    private static void movesThePeerIntoAnImportedOffice(LocalStack stack, String deviceId) {
        String ip = given().get(stack.url(Service.METADATA) + "/peers/" + deviceId).then().statusCode(200)
                .body("office.officeId", equalTo("central")).extract().path("ipAddress");
        String sheet = "office_id,name,type,parent_id,subnets\n"
                + "central,Central office,Standard,,\n"
                + "e2e-lab,E2E lab,Standard,central," + ip + "\n";
        String imports = stack.url(Service.TOPOLOGY) + "/topology/import";

        given().contentType("text/csv").body(sheet).post(imports + "?dryRun=true").then().statusCode(200)
                .body("added.id", contains("e2e-lab"))
                .body("peerMoves.find { it.deviceId == '" + deviceId + "' }.toOfficeId", equalTo("e2e-lab"));
        given().contentType("text/csv").body(sheet).post(imports + "?dryRun=false").then().statusCode(200)
                .body("counts.added", equalTo(1));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get(stack.url(Service.METADATA) + "/peers/" + deviceId).then().statusCode(200)
                        .body("office.officeId", equalTo("e2e-lab"))
                        .body("office.name", equalTo("E2E lab")));
    }

    @Test
    void aTakenPortIsNamedAndNothingIsLeftRunning() throws Exception {
        LocalStack.Settings settings = settings(dataDir);
        try (ServerSocket taken = new ServerSocket(settings.httpBasePort() + 1, 1, InetAddress.getByName("0.0.0.0"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            LocalStack.Settings quiet = new LocalStack.Settings(settings.home(), settings.dataDir(), settings.bindHost(),
                    settings.kafkaPort(), settings.httpBasePort(), settings.udpPorts(), settings.startTimeout(),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThatThrownBy(() -> LocalStack.start(quiet))
                    .isInstanceOf(LocalStackException.class)
                    .hasMessageContaining(String.valueOf(settings.httpBasePort() + 1))
                    .hasMessageContaining("metadata-service HTTP");
        }
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isZero();
    }

    @Test
    void aServiceThatFailsToStartIsNamedWithItsLogAndNothingIsLeftRunning(@TempDir Path fakeHome) throws Exception {
        for (Service service : Service.values()) {
            Path jar = fakeHome.resolve("services").resolve(service.module()).resolve("target/embedded-app/quarkus-run.jar");
            Files.createDirectories(jar.getParent());
            Files.writeString(jar, "not a jar");
        }
        LocalStack.Settings real = settings(dataDir);
        LocalStack.Settings broken = new LocalStack.Settings(fakeHome, real.dataDir(), real.bindHost(), real.kafkaPort(),
                real.httpBasePort(), real.udpPorts(), real.startTimeout(), real.out());

        assertThatThrownBy(() -> LocalStack.start(broken))
                .isInstanceOf(LocalStackException.class)
                .hasMessageContaining("exited with code")
                .hasMessageContaining("while starting")
                .hasMessageContaining("corrupt jarfile");
        assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive).count()).isZero();
        assertThat(dataDir.resolve("run/local-stack.pids")).doesNotExist();
    }

    private LocalStack.Settings settings(Path data) throws IOException {
        if (trustedLicenseKey == null) {
            CliRun keygen = cascade("vendor", "keygen", "--out", vendor.toString());
            assertThat(keygen.exitCode()).as(keygen.err()).isZero();
            trustedLicenseKey = keygen.out().lines().filter(l -> l.contains("cascade.licensing.trusted-keys="))
                    .findFirst().orElseThrow().split("=", 2)[1];
            agentListenPort = LocalStackTestPorts.freeUdpPort();
        }
        return new LocalStack.Settings(HOME, data, "127.0.0.1", LocalStackTestPorts.freeBlock(2), LocalStackTestPorts.freeBlock(5),
                LocalStackTestPorts.freeGatewayPorts(),
                Duration.ofSeconds(240), System.out)
                .withProperty(Service.LICENSING, "cascade.licensing.trusted-keys", trustedLicenseKey)
                .withProperty(Service.ACTIVATION, "cascade.activation.peer-port", String.valueOf(agentListenPort));
    }

    private record AgentRun(int exitCode, String output) {
    }

    private AgentRun runAgent(LocalStack stack, String hostname) throws Exception {
        Path jar = HOME.resolve("agent/target/cascade-agent.jar");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--server", "127.0.0.1:" + stack.udpPort(), "--key-file", stack.keyFile().toString(),
                "--state-dir", agentState.toString(), "--hostname", hostname, "--bind", "127.0.0.1",
                "--reply-port", "0", "--once").redirectErrorStream(true).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("agent finished").isTrue();
        return new AgentRun(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static Register register(String hostname) {
        return Register.newBuilder().setHostname(hostname).setIpAddress("127.0.0.1").setPrefixLength(8)
                .setDeviceClass(DeviceClass.DEVICE_CLASS_DESKTOP).setOsType(OsType.OS_TYPE_WORKSTATION)
                .setFreeStorageBytes(1L << 30).setUsableStorageBytes(1L << 30)
                .setBootTimeUnixMs(System.currentTimeMillis() - 3_600_000).setClientVersion("1.0.0").build();
    }

    private static byte[] receive(DatagramSocket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        byte[] buffer = new byte[2048];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.receive(packet);
            return java.util.Arrays.copyOf(buffer, packet.getLength());
        } catch (SocketTimeoutException e) {
            return null;
        }
    }

    private static double rejected(LocalStack stack, String reason) {
        String metrics = given().get(stack.url(Service.GATEWAY) + "/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^cascade_gateway_datagrams_rejected_total\\{[^}]*reason=\"" + reason
                + "\"[^}]*\\} ([0-9.eE+-]+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    /** The value of the first sample of {@code service} whose line starts with {@code prefix}; 0 when there is none. */
    private static double metric(LocalStack stack, Service service, String prefix) {
        String metrics = given().get(stack.url(service) + "/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith(prefix)).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0.0);
    }
}
