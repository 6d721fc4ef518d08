package dev.cascade.cli.connector;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;

import dev.cascade.cli.CliRun;
import dev.cascade.contracts.v1.ActivationRequest;
import dev.cascade.contracts.v1.ActivationResult;
import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.KeyRotationRequest;
import dev.cascade.contracts.v1.KeyRotationResult;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.RejectReason;
import dev.cascade.contracts.v1.ServerStatus;
import dev.cascade.contracts.v1.StatusRequest;
import dev.cascade.contracts.v1.SupportedRange;
import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.KeyWrap;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.WireKey;

/**
 * {@code cascade connector …} over real UDP sockets against {@link StandInGateway}: what the connector sends, how it
 * takes the server's results (verified, unwrapped, saved before printing), and how it reports refusals and silence.
 * The end-to-end test against the real stack is the local stack's.
 */
class ConnectorCommandsTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    private Path keyFile;
    private WireKey installationKey;
    private WireKey fleetKey;
    private StandInGateway gateway;

    @BeforeEach
    void start() throws Exception {
        installationKey = key(2, KeyPurpose.CONNECTOR);
        fleetKey = key(1, KeyPurpose.FLEET);
        keyFile = dir.resolve("conf/connector-key.properties");
        KeyFile.write(keyFile, List.of(fleetKey, installationKey));
        gateway = new StandInGateway(installationKey);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
    }

    @Test
    void activateSavesTheServersNewKeyAndKeepsTheOldOneForTheGracePeriod() throws Exception {
        WireKey sharedKey = key(7, KeyPurpose.CONNECTOR);
        Instant graceEnd = Instant.now().plus(7, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        gateway.behaviour = request -> StandInGateway.Response.result(MessageType.ACTIVATION_RESULT, ActivationResult.newBuilder()
                .setActivated(true).setSharedKey(KeyWrap.wrap(sharedKey, request.key())).setFleetKeyId(8)
                .setPreviousKeyValidUntilUnixMs(graceEnd.toEpochMilli()).setServerVersion("1.0.0")
                .setClientsActivated(3).setCustomer("Example Corp").build());

        CliRun run = connector("activate", "--license-key", "CSC-TEST-0001", "--server-name", "cascade-01", "--server-ip", "10.0.0.5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        List<WireKey> saved = KeyFile.read(keyFile);
        assertThat(saved).containsExactlyInAnyOrder(fleetKey, sharedKey, installationKey.retiredUntil(graceEnd));
        assertThat(run.out()).contains("activated cascade-01 (10.0.0.5) for Example Corp: shared key 7 (fingerprint "
                + ConnectorKeys.fingerprint(sharedKey) + ") saved to " + keyFile + "; previous key 2 valid until " + graceEnd)
                .contains("fleet key 8, 3 clients activated, server version 1.0.0");

        StandInGateway.Request request = gateway.requests.get(0);
        ActivationRequest sent = StandInGateway.parse(request, ActivationRequest.parser());
        assertThat(sent.getLicenseKey()).isEqualTo("CSC-TEST-0001");
        assertThat(sent.getServerName()).isEqualTo("cascade-01");
        assertThat(sent.getServerIp()).isEqualTo("10.0.0.5");
        assertThat(sent.getConnectorVersion()).isEqualTo("1.0.0");
        assertThat(request.header().keyId()).isEqualTo(2);
        // the connector id is created once, beside the key file, and is the sender id
        UUID id = UUID.fromString(Files.readString(keyFile.resolveSibling("connector-id")).trim());
        assertThat(request.header().senderId()).isEqualTo(id);
        // the result is ACKed back to the port it came from (the gateway's outbound port), naming its sequence
        awaitAcks(1);
        assertThat(gateway.acksOfResults.get(0).getAckedSequence()).isEqualTo(gateway.resultSequences.get(0));
    }

    @Test
    void theNewKeySignsTheNextRequest() throws Exception {
        WireKey sharedKey = key(7, KeyPurpose.CONNECTOR);
        gateway.behaviour = request -> {
            gateway.accept(sharedKey);
            return StandInGateway.Response.result(MessageType.KEY_ROTATION_RESULT, KeyRotationResult.newBuilder().setRotated(true)
                    .setSharedKey(KeyWrap.wrap(sharedKey, request.key()))
                    .setPreviousKeyValidUntilUnixMs(Instant.now().plusSeconds(3600).toEpochMilli()).build());
        };
        CliRun rotate = connector("rotate-key");
        assertThat(rotate.exitCode()).as(rotate.err()).isZero();
        assertThat(rotate.out()).startsWith("rotated: shared key 7 (fingerprint " + ConnectorKeys.fingerprint(sharedKey) + ")");
        assertThat(KeyFile.current(keyFile, KeyPurpose.CONNECTOR)).isEqualTo(sharedKey);
        assertThat(StandInGateway.parse(gateway.requests.get(0), KeyRotationRequest.parser()).getConnectorVersion()).isEqualTo("1.0.0");

        gateway.behaviour = request -> StandInGateway.Response.result(MessageType.SERVER_STATUS, status("1.0.0"));
        CliRun status = connector("status");

        assertThat(status.exitCode()).as(status.err()).isZero();
        assertThat(gateway.requests.get(1).header().keyId()).isEqualTo(7);
    }

    @Test
    void aRefusedActivationChangesNothing() throws Exception {
        byte[] before = Files.readAllBytes(keyFile);
        gateway.behaviour = request -> StandInGateway.Response.result(MessageType.ACTIVATION_RESULT, ActivationResult.newBuilder()
                .setActivated(false).setDetail("license key CSC-TEST-0001 expired on 2026-01-01T00:00:00Z").setServerVersion("1.0.0").build());

        CliRun run = connector("activate", "--license-key", "CSC-TEST-0001", "--server-name", "s", "--server-ip", "10.0.0.5");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cascade connector activate: activation refused: license key CSC-TEST-0001 expired on 2026-01-01T00:00:00Z");
        assertThat(Files.readAllBytes(keyFile)).isEqualTo(before);
    }

    @Test
    void aKeyThatDoesNotUnwrapLeavesTheKeyFileAsItWas() throws Exception {
        byte[] before = Files.readAllBytes(keyFile);
        WireKey other = key(2, KeyPurpose.CONNECTOR); // same id, other secret: not the key the connector holds
        gateway.behaviour = request -> StandInGateway.Response.result(MessageType.ACTIVATION_RESULT, ActivationResult.newBuilder()
                .setActivated(true).setSharedKey(KeyWrap.wrap(key(9, KeyPurpose.CONNECTOR), other)).setServerVersion("1.0.0").build());

        CliRun run = connector("activate", "--license-key", "K", "--server-name", "s", "--server-ip", "10.0.0.5");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the server's new shared key cannot be used: wrapped key 9 does not decrypt with key 2")
                .contains("key file " + keyFile + " is unchanged");
        assertThat(Files.readAllBytes(keyFile)).isEqualTo(before);
    }

    @Test
    void aResultIsTakenEvenWhenItsAckWasLost() {
        WireKey sharedKey = key(7, KeyPurpose.CONNECTOR);
        gateway.behaviour = request -> StandInGateway.Response.resultWithoutAck(MessageType.ACTIVATION_RESULT, ActivationResult.newBuilder()
                .setActivated(true).setSharedKey(KeyWrap.wrap(sharedKey, request.key()))
                .setPreviousKeyValidUntilUnixMs(Instant.now().plusSeconds(60).toEpochMilli()).setServerVersion("1.2.3").build());

        CliRun run = connector("activate", "--license-key", "K", "--server-name", "s", "--server-ip", "2001:db8::5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(gateway.requests).hasSize(1); // not retransmitted: a second ACTIVATE would be a new event without the key
        assertThat(KeyFile.current(keyFile, KeyPurpose.CONNECTOR)).isEqualTo(sharedKey);
    }

    @Test
    void alreadyActivatedWithTheSameLicenseKeepsTheKey() throws Exception {
        byte[] before = Files.readAllBytes(keyFile);
        gateway.behaviour = request -> StandInGateway.Response.result(MessageType.ACTIVATION_RESULT, ActivationResult.newBuilder()
                .setActivated(true).setDetail("already activated with license key K on 2026-03-01T10:00:00Z").setServerVersion("1.0.0").build());

        CliRun run = connector("activate", "--license-key", "K", "--server-name", "s", "--server-ip", "10.0.0.5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("already activated: already activated with license key K").contains("still shared key 2");
        assertThat(Files.readAllBytes(keyFile)).isEqualTo(before);
    }

    @Test
    void anUnsupportedServerVersionIsRefusedNamingBothButTheKeyTheServerSwitchedToIsKept() {
        WireKey sharedKey = key(7, KeyPurpose.CONNECTOR);
        gateway.accept(sharedKey);
        gateway.behaviour = request -> StandInGateway.Response.result(MessageType.ACTIVATION_RESULT, ActivationResult.newBuilder()
                .setActivated(true).setSharedKey(KeyWrap.wrap(sharedKey, request.key())).setServerVersion("2.0.0")
                .setPreviousKeyValidUntilUnixMs(Instant.now().plusSeconds(60).toEpochMilli()).build());

        CliRun run = connector("activate", "--license-key", "K", "--server-name", "s", "--server-ip", "10.0.0.5");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("server version '2.0.0' is outside this connector's supported server versions 1.0.0..1.99.99"
                + " (connector version 1.0.0)").contains("shared key 7");
        assertThat(KeyFile.current(keyFile, KeyPurpose.CONNECTOR)).isEqualTo(sharedKey);

        gateway.behaviour = request -> StandInGateway.Response.result(MessageType.SERVER_STATUS, status("0.9.0"));
        CliRun status = connector("status");
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.err()).contains("server version '0.9.0' is outside this connector's supported server versions 1.0.0..1.99.99");
        assertThat(status.out()).isEmpty();
    }

    @Test
    void aRejectShowsTheReasonAndTheSupportedRange() {
        gateway.behaviour = request -> StandInGateway.Response.reject(Reject.newBuilder()
                .setReason(RejectReason.REJECT_REASON_UNSUPPORTED_CLIENT_VERSION)
                .setDetail("connector_version 1.0.0 is outside 2.0.0..2.99.99")
                .setSupportedClientVersions(SupportedRange.newBuilder().setMin("2.0.0").setMax("2.99.99")).build());

        CliRun run = connector("status");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("cascade connector status: the server refused: unsupported client version: connector_version"
                + " 1.0.0 is outside 2.0.0..2.99.99 (this connector is version 1.0.0; the server supports 2.0.0..2.99.99)"
                + System.lineSeparator());
    }

    @Test
    void aKeyTheServerDoesNotKnowIsReportedAsSuch() throws Exception {
        KeyFile.write(keyFile, List.of(key(5, KeyPurpose.CONNECTOR)));

        CliRun run = connector("status");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the server refused: authentication failed: key id 5 is unknown")
                .contains("[unauthenticated reply: the server could not verify the request; check the connector key 5 in " + keyFile + "]");
    }

    @Test
    void silenceIsReportedAfterTheAttempts() {
        gateway.behaviour = request -> StandInGateway.Response.silence();

        CliRun run = connector("status", "--attempts", "2");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("cascade connector status: no answer from 127.0.0.1:" + gateway.smallPort()
                + " after 2 attempts (is the gateway running, and is the connector key right?)" + System.lineSeparator());
        assertThat(gateway.requests).hasSize(2);
        assertThat(gateway.requests.get(1).header().sequence()).isGreaterThan(gateway.requests.get(0).header().sequence());
    }

    @Test
    void anAcknowledgedRequestWithoutResultTimesOut() {
        gateway.behaviour = request -> StandInGateway.Response.ackOnly();

        CliRun run = connector("status", "--timeout", "300ms");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("the server acknowledged the request but sent no result within 300 ms (is activation-service running?");
        assertThat(gateway.requests).hasSize(1);
    }

    @Test
    void statusPrintsTheServersState() {
        gateway.behaviour = request -> StandInGateway.Response.result(MessageType.SERVER_STATUS, status("1.4.0"));

        CliRun run = connector("status");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo(String.join(System.lineSeparator(),
                "server      127.0.0.1:" + gateway.smallPort() + ", version 1.4.0",
                "activated   cascade-01 (10.0.0.5) since 2026-03-01T10:00:00Z, customer Example Corp",
                "clients     42 active",
                "seats       110 used of 100 purchased, 10 over (billed as overage)",
                "versions    clients 1.0.0..1.99.99, connectors 1.0.0..1.99.99 (this connector 1.0.0)",
                "keys        shared key 2, fleet key 1; this connector signs with 2 (" + keyFile + ")", ""));
        assertThat(StandInGateway.parse(gateway.requests.get(0), StatusRequest.parser()).getConnectorVersion()).isEqualTo("1.0.0");
    }

    @Test
    void statusAsJson() throws Exception {
        gateway.behaviour = request -> StandInGateway.Response.result(MessageType.SERVER_STATUS, status("1.4.0"));

        CliRun run = connector("status", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("serverVersion").asText()).isEqualTo("1.4.0");
        assertThat(json.path("activated").asBoolean()).isTrue();
        assertThat(json.path("serverName").asText()).isEqualTo("cascade-01");
        assertThat(json.path("activatedAt").asText()).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(json.path("activeClients").asLong()).isEqualTo(42);
        assertThat(json.path("seatsUsed").asLong()).isEqualTo(110);
        assertThat(json.path("seatsPurchased").asLong()).isEqualTo(100);
        assertThat(json.path("overage").asLong()).isEqualTo(10);
        assertThat(json.path("supportedConnectorVersions").path("max").asText()).isEqualTo("1.99.99");
        assertThat(json.path("connectorKeyId").asLong()).isEqualTo(2);
        assertThat(json.path("fleetKeyId").asLong()).isEqualTo(1);
    }

    @Test
    void rotationRefusedByANotActivatedServer() throws Exception {
        byte[] before = Files.readAllBytes(keyFile);
        gateway.behaviour = request -> StandInGateway.Response.result(MessageType.KEY_ROTATION_RESULT, KeyRotationResult.newBuilder()
                .setRotated(false).setDetail("the server is not activated: activate it first").build());

        CliRun run = connector("rotate-key");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("key rotation refused: the server is not activated: activate it first");
        assertThat(Files.readAllBytes(keyFile)).isEqualTo(before);
    }

    @Test
    void publishSendsTheHashesAsOneDatagramAndCopiesTheFileIntoTheLibrary() throws Exception {
        byte[] content = bytes(2_500);
        Path file = Files.write(dir.resolve("app-1.0.msi"), content);
        Path library = dir.resolve("library");

        CliRun run = connector("publish", file.toString(), "--piece-size", "1KiB", "--library", library.toString(),
                "--name", "App", "--version", "1.0");

        assertThat(run.exitCode()).as(run.err()).isZero();
        StandInGateway.Request request = gateway.requests.get(0);
        assertThat(request.large()).isFalse();
        assertThat(request.type()).isEqualTo(MessageType.APP_METADATA);
        AppMetadata metadata = StandInGateway.parse(request, AppMetadata.parser());
        String sha256 = HexFormat.of().formatHex(sha256(content));
        assertThat(metadata.getContentId()).isEqualTo(sha256);
        assertThat(metadata.getName()).isEqualTo("App");
        assertThat(metadata.getVersion()).isEqualTo("1.0");
        assertThat(metadata.getSizeBytes()).isEqualTo(2_500);
        assertThat(metadata.getPieceSize()).isEqualTo(1024);
        assertThat(metadata.getOriginUrl()).isEmpty();
        assertThat(metadata.getSha256().toByteArray()).isEqualTo(sha256(content));
        assertThat(metadata.getPieceHashesList()).isEqualTo(pieceHashes(content, 1024));
        assertThat(library.resolve(sha256)).hasBinaryContent(content);
        assertThat(run.out()).contains("published " + sha256 + ": 2500 bytes, sha256 " + sha256 + ", 3 pieces of 1 KiB")
                .contains("one datagram");
    }

    @Test
    void publishSendsManyPieceHashesAsALargeMessage() throws Exception {
        byte[] content = bytes(300 * 1024 + 17);
        Path file = Files.write(dir.resolve("big.bin"), content);
        Path library = dir.resolve("library");

        CliRun run = connector("publish", file.toString(), "--content-id", "app-42", "--piece-size", "1KiB", "--library",
                library.toString(), "--origin-url", "https://cdn.example.com/app-42", "--progress", "always");

        assertThat(run.exitCode()).as(run.err()).isZero();
        StandInGateway.Request request = gateway.requests.get(0);
        assertThat(request.large()).isTrue();
        AppMetadata metadata = StandInGateway.parse(request, AppMetadata.parser());
        assertThat(metadata.getContentId()).isEqualTo("app-42");
        assertThat(metadata.getName()).isEqualTo("big.bin");
        assertThat(metadata.getPieceHashesCount()).isEqualTo(301);
        assertThat(metadata.getPieceHashesList()).isEqualTo(pieceHashes(content, 1024));
        assertThat(metadata.getSha256().toByteArray()).isEqualTo(sha256(content));
        assertThat(metadata.getOriginUrl()).isEqualTo("https://cdn.example.com/app-42");
        assertThat(library.resolve("app-42")).hasBinaryContent(content);
        try (var files = Files.list(library)) {
            assertThat(files).containsExactly(library.resolve("app-42")); // no temporary file left behind
        }
        assertThat(run.out()).contains("a large message");
        assertThat(run.err()).contains("copy+hash"); // the progress bar
    }

    @Test
    void publishingTheSameBytesAgainSkipsTheCopyAndOtherBytesUnderTheSameIdAreRefused() throws Exception {
        byte[] content = bytes(5_000);
        Path file = Files.write(dir.resolve("a.bin"), content);
        Path library = dir.resolve("library");
        assertThat(connector("publish", file.toString(), "--content-id", "a", "--library", library.toString()).exitCode()).isZero();
        Instant copiedAt = Files.getLastModifiedTime(library.resolve("a")).toInstant();

        CliRun again = connector("publish", file.toString(), "--content-id", "a", "--library", library.toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).contains("already there, same SHA-256");
        assertThat(Files.getLastModifiedTime(library.resolve("a")).toInstant()).isEqualTo(copiedAt);
        assertThat(gateway.requests).hasSize(2);

        Path other = Files.write(dir.resolve("b.bin"), bytes(5_000));
        CliRun conflict = connector("publish", other.toString(), "--content-id", "a", "--library", library.toString());
        assertThat(conflict.exitCode()).isEqualTo(1);
        assertThat(conflict.err()).contains("already holds a different content as 'a'").contains("another --content-id");
        assertThat(library.resolve("a")).hasBinaryContent(content);
        assertThat(gateway.requests).hasSize(2); // nothing sent
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsSent() throws Exception {
        CliRun badIp = connector("activate", "--license-key", "K", "--server-name", "s", "--server-ip", "server.example.com");
        assertThat(badIp.exitCode()).isEqualTo(1);
        assertThat(badIp.err()).contains("--server-ip 'server.example.com' is not an IPv4 or IPv6 address literal");

        Path file = Files.write(dir.resolve("x.bin"), bytes(10));
        CliRun badId = connector("publish", file.toString(), "--content-id", "../x", "--library", dir.resolve("lib").toString());
        assertThat(badId.exitCode()).isEqualTo(1);
        assertThat(badId.err()).contains("content id '../x' cannot name a file in the library");
        assertThat(dir.resolve("lib")).doesNotExist();

        CliRun noKeys = CliRun.cascade("connector", "status", "--key-file", dir.resolve("missing.properties").toString(), "--server",
                "127.0.0.1:" + gateway.smallPort(), "--listen-port", "0");
        assertThat(noKeys.exitCode()).isEqualTo(1);
        assertThat(noKeys.err()).contains("key file " + dir.resolve("missing.properties") + " not found");

        CliRun badPieces = connector("publish", file.toString(), "--piece-size", "12 parsecs");
        assertThat(badPieces.exitCode()).isEqualTo(2);
        assertThat(badPieces.err()).contains("'12 parsecs' is not a size");
        assertThat(gateway.requests).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------

    private CliRun connector(String command, String... args) {
        List<String> all = new ArrayList<>(List.of("connector", command));
        all.addAll(Arrays.asList(args));
        all.addAll(List.of("--server", "127.0.0.1:" + gateway.smallPort(), "--server-large-port", "" + gateway.largePort(),
                "--key-file", keyFile.toString(), "--listen-port", "0"));
        return CliRun.cascade(all.toArray(String[]::new));
    }


    private void awaitAcks(int count) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (gateway.acksOfResults.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(gateway.acksOfResults).hasSize(count);
    }

    private static ServerStatus status(String version) {
        SupportedRange range = SupportedRange.newBuilder().setMin("1.0.0").setMax("1.99.99").build();
        return ServerStatus.newBuilder().setServerVersion(version).setActivated(true).setServerName("cascade-01")
                .setServerIp("10.0.0.5").setActivatedAtUnixMs(Instant.parse("2026-03-01T10:00:00Z").toEpochMilli())
                .setCustomer("Example Corp").setActiveClients(42).setSeatsUsed(110).setSeatsPurchased(100)
                .setSupportedClientVersions(range).setSupportedConnectorVersions(range).setConnectorKeyId(2).setFleetKeyId(1).build();
    }

    static WireKey key(long id, KeyPurpose purpose) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return new WireKey(id, purpose, secret, null);
    }

    private static byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    /** The independent computation: every piece sliced out of the whole array and hashed on its own. */
    static List<ByteString> pieceHashes(byte[] content, int pieceSize) throws Exception {
        List<ByteString> hashes = new ArrayList<>();
        for (int offset = 0; offset < content.length; offset += pieceSize) {
            hashes.add(ByteString.copyFrom(sha256(Arrays.copyOfRange(content, offset, Math.min(content.length, offset + pieceSize)))));
        }
        return hashes;
    }
}
