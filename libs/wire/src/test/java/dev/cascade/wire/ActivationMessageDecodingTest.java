package dev.cascade.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import dev.cascade.contracts.v1.ActivationRequest;
import dev.cascade.contracts.v1.ActivationResult;
import dev.cascade.contracts.v1.ClientActivation;
import dev.cascade.contracts.v1.KeyRotationRequest;
import dev.cascade.contracts.v1.KeyRotationResult;
import dev.cascade.contracts.v1.ServerStatus;
import dev.cascade.contracts.v1.StatusRequest;
import dev.cascade.contracts.v1.WrappedKey;

/** The activation and key messages of protocol.md §16, checked as §16.7 says. */
class ActivationMessageDecodingTest {

    static final WrappedKey NEW_FLEET_KEY = KeyWrap.wrap(new WireKey(7, KeyPurpose.FLEET,
            DatagramVerifierTest.randomSecret(), null), FuzzKeys.FLEET);
    static final WrappedKey NEW_SHARED_KEY = KeyWrap.wrap(new WireKey(8, KeyPurpose.CONNECTOR,
            DatagramVerifierTest.randomSecret(), null), FuzzKeys.CONNECTOR);
    static final long UNTIL = SampleMessages.AT + 7 * 86_400_000L;

    static ClientActivation.Builder clientActivation() {
        return ClientActivation.newBuilder().setActivated(true).setFleetKey(NEW_FLEET_KEY)
                .setPreviousKeyValidUntilUnixMs(UNTIL).setServerName("cascade-hq");
    }

    static KeyRotationResult.Builder rotationResult() {
        return KeyRotationResult.newBuilder().setRotated(true).setDetail("new shared key 8; key 2 verifies for 7 days")
                .setSharedKey(NEW_SHARED_KEY).setPreviousKeyValidUntilUnixMs(UNTIL);
    }

    static ActivationResult.Builder activationResult() {
        return ActivationResult.newBuilder().setActivated(true).setDetail("activated").setFleetKeyId(7)
                .setSharedKey(NEW_SHARED_KEY).setPreviousKeyValidUntilUnixMs(UNTIL).setServerVersion("1.0.0")
                .setClientsActivated(3).setCustomer("Example Corp");
    }

    static ActivationRequest.Builder activationRequest() {
        return ActivationRequest.newBuilder().setLicenseKey("CSC-TEST-0000-0001").setServerName("cascade-hq")
                .setServerIp("10.0.0.5").setConnectorVersion("1.0.0");
    }

    static ServerStatus.Builder serverStatus() {
        return ServerStatus.newBuilder().setServerVersion("1.0.0").setActivated(true).setServerName("cascade-hq")
                .setServerIp("2001:db8::5").setActivatedAtUnixMs(SampleMessages.AT).setCustomer("Example Corp")
                .setConnectorKeyId(8).setFleetKeyId(7);
    }

    static Stream<Arguments> validMessages() {
        return Stream.of(
                Arguments.of(MessageType.CLIENT_ACTIVATION, clientActivation().build()),
                Arguments.of(MessageType.CLIENT_ACTIVATION, ClientActivation.getDefaultInstance()),
                Arguments.of(MessageType.KEY_ROTATION_REQUEST, KeyRotationRequest.newBuilder().setConnectorVersion("1.2.3")
                        .build()),
                Arguments.of(MessageType.KEY_ROTATION_RESULT, rotationResult().build()),
                Arguments.of(MessageType.KEY_ROTATION_RESULT, KeyRotationResult.newBuilder()
                        .setDetail("the server is not activated").build()),
                Arguments.of(MessageType.ACTIVATION_RESULT, activationResult().build()),
                Arguments.of(MessageType.ACTIVATION_RESULT, activationResult().clearSharedKey()
                        .setDetail("already activated with this license key").build()),
                Arguments.of(MessageType.ACTIVATION_RESULT, ActivationResult.newBuilder().setDetail("license expired").build()),
                Arguments.of(MessageType.ACTIVATE, activationRequest().build()),
                Arguments.of(MessageType.ACTIVATE, activationRequest().setServerIp("").build()),
                Arguments.of(MessageType.STATUS_REQUEST, StatusRequest.newBuilder().setConnectorVersion("1.0.0").build()),
                Arguments.of(MessageType.SERVER_STATUS, serverStatus().build()),
                Arguments.of(MessageType.SERVER_STATUS, ServerStatus.newBuilder().setServerVersion("1.0.0").build()));
    }

    @ParameterizedTest
    @MethodSource("validMessages")
    void validMessagesDecodeToThemselves(MessageType type, Message message) {
        DecodedPayload decoded = PayloadDecoder.decode(type, message.toByteArray());

        assertThat(decoded).isInstanceOf(DecodedPayload.Valid.class);
        assertThat(((DecodedPayload.Valid) decoded).message()).isEqualTo(message);
    }

    static Stream<Arguments> brokenMessages() {
        WrappedKey key = NEW_FLEET_KEY;
        return Stream.of(
                broken(MessageType.CLIENT_ACTIVATION, clientActivation().clearFleetKey(), "fleet_key",
                        "missing; expected the new fleet key when activated is true"),
                broken(MessageType.CLIENT_ACTIVATION, clientActivation().setFleetKey(key.toBuilder().setKeyId(0)),
                        "fleet_key.key_id", "is 0"),
                broken(MessageType.CLIENT_ACTIVATION, clientActivation().setFleetKey(key.toBuilder().setWrappingKeyId(0)),
                        "fleet_key.wrapping_key_id", "is 0"),
                broken(MessageType.CLIENT_ACTIVATION, clientActivation().setFleetKey(key.toBuilder().setWrappingKeyId(7)),
                        "fleet_key.key_id", "7 is not above wrapping_key_id 7; key ids only grow"),
                broken(MessageType.CLIENT_ACTIVATION, clientActivation().setFleetKey(key.toBuilder()
                        .setNonce(ByteString.copyFrom(new byte[16]))), "fleet_key.nonce", "has 16 bytes; expected 12"),
                broken(MessageType.CLIENT_ACTIVATION, clientActivation().setFleetKey(key.toBuilder()
                        .setCiphertext(ByteString.copyFrom(new byte[32]))), "fleet_key.ciphertext", "has 32 bytes; expected 48"),
                broken(MessageType.CLIENT_ACTIVATION, ClientActivation.newBuilder().setFleetKey(key.toBuilder()
                        .clearNonce()), "fleet_key.nonce", "has 0 bytes"),
                broken(MessageType.CLIENT_ACTIVATION, clientActivation().setPreviousKeyValidUntilUnixMs(-1),
                        "previous_key_valid_until_unix_ms", "outside 0.."),
                broken(MessageType.CLIENT_ACTIVATION, clientActivation().setServerName("x".repeat(254)), "server_name",
                        "254 characters; expected 0..253"),
                broken(MessageType.CLIENT_ACTIVATION, clientActivation().setServerName("hq\n"), "server_name",
                        "control character"),
                broken(MessageType.KEY_ROTATION_REQUEST, KeyRotationRequest.newBuilder(), "connector_version",
                        "'' is not MAJOR.MINOR.PATCH"),
                broken(MessageType.KEY_ROTATION_REQUEST, KeyRotationRequest.newBuilder().setConnectorVersion("1.0"),
                        "connector_version", "'1.0' is not MAJOR.MINOR.PATCH"),
                broken(MessageType.KEY_ROTATION_RESULT, rotationResult().clearSharedKey(), "shared_key",
                        "missing; expected the new key when rotated is true"),
                broken(MessageType.KEY_ROTATION_RESULT, rotationResult().setSharedKey(NEW_SHARED_KEY.toBuilder()
                        .setCiphertext(ByteString.EMPTY)), "shared_key.ciphertext", "has 0 bytes; expected 48"),
                broken(MessageType.KEY_ROTATION_RESULT, rotationResult().setDetail("d".repeat(1025)), "detail",
                        "1025 characters; expected 0..1024"),
                broken(MessageType.KEY_ROTATION_RESULT, rotationResult().setPreviousKeyValidUntilUnixMs(Long.MAX_VALUE),
                        "previous_key_valid_until_unix_ms", "outside 0.."),
                broken(MessageType.ACTIVATION_RESULT, activationResult().setSharedKey(NEW_SHARED_KEY.toBuilder()
                        .setKeyId(1)), "shared_key.key_id", "1 is not above wrapping_key_id 2"),
                broken(MessageType.ACTIVATION_RESULT, activationResult().setDetail("a\u0007"), "detail", "control character"),
                broken(MessageType.ACTIVATION_RESULT, activationResult().setServerVersion("v1"), "server_version",
                        "'v1' is not MAJOR.MINOR.PATCH"),
                broken(MessageType.ACTIVATION_RESULT, activationResult().setCustomer("c".repeat(1025)), "customer",
                        "1025 characters"),
                broken(MessageType.ACTIVATE, activationRequest().setLicenseKey(" "), "license_key", "is empty"),
                broken(MessageType.ACTIVATE, activationRequest().setServerName(""), "server_name", "is empty"),
                broken(MessageType.ACTIVATE, activationRequest().setServerName("s".repeat(254)), "server_name",
                        "254 characters; expected 1..253"),
                broken(MessageType.ACTIVATE, activationRequest().setServerIp("hq.example"), "server_ip",
                        "not an IPv4 or IPv6 address literal"),
                broken(MessageType.ACTIVATE, activationRequest().setConnectorVersion("one"), "connector_version",
                        "not MAJOR.MINOR.PATCH"),
                broken(MessageType.STATUS_REQUEST, StatusRequest.newBuilder().setConnectorVersion("1..0"),
                        "connector_version", "not MAJOR.MINOR.PATCH"),
                broken(MessageType.SERVER_STATUS, serverStatus().setServerIp("10.0.0.256"), "server_ip",
                        "not an IPv4 or IPv6 address literal"),
                broken(MessageType.SERVER_STATUS, serverStatus().setServerName("n".repeat(254)), "server_name",
                        "254 characters"),
                broken(MessageType.SERVER_STATUS, serverStatus().setActivatedAtUnixMs(-5), "activated_at_unix_ms",
                        "outside 0.."));
    }

    private static Arguments broken(MessageType type, Message.Builder message, String field, String detail) {
        return Arguments.of(type, message.build(), field, detail);
    }

    @ParameterizedTest(name = "{0} {2}: {3}")
    @MethodSource("brokenMessages")
    void eachRuleRefusesNamingTheField(MessageType type, Message message, String field, String detail) {
        DecodedPayload decoded = PayloadDecoder.decode(type, message.toByteArray());

        assertThat(decoded).isInstanceOf(DecodedPayload.Malformed.class);
        DecodedPayload.Malformed malformed = (DecodedPayload.Malformed) decoded;
        assertThat(malformed.field()).isEqualTo(field);
        assertThat(malformed.detail()).startsWith(field).contains(detail);
    }
}
