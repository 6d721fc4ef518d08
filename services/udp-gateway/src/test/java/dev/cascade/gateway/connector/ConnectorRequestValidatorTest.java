package dev.cascade.gateway.connector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.ActivationRequest;
import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.KeyRotationRequest;
import dev.cascade.contracts.v1.StatusRequest;
import dev.cascade.gateway.ingest.PayloadValidation;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.VersionRange;

class ConnectorRequestValidatorTest {

    private static final ByteString HASH = ByteString.copyFrom(new byte[32]);

    private final ConnectorRequestValidator validator = new ConnectorRequestValidator(new VersionRange("1.0.0", "1.99.99"));

    private static ActivationRequest.Builder activation() {
        return ActivationRequest.newBuilder().setLicenseKey("LIC-1").setServerName("cascade-1").setServerIp("10.0.0.5")
                .setConnectorVersion("1.0.0");
    }

    private static AppMetadata.Builder metadata(long size, int pieceSize, int pieces) {
        AppMetadata.Builder builder = AppMetadata.newBuilder().setContentId("blob-1").setSha256(HASH)
                .setSizeBytes(size).setPieceSize(pieceSize);
        for (int i = 0; i < pieces; i++) {
            builder.addPieceHashes(HASH);
        }
        return builder;
    }

    @Test
    void validRequestsPass() {
        assertThat(validator.validate(activation().build())).isInstanceOf(PayloadValidation.Valid.class);
        assertThat(validator.validate(activation().setServerIp("2001:db8::5").build()))
                .isInstanceOf(PayloadValidation.Valid.class);
        assertThat(validator.validate(StatusRequest.newBuilder().setConnectorVersion("1.99.99").build()))
                .isInstanceOf(PayloadValidation.Valid.class);
        assertThat(validator.validate(metadata(0, 4, 0).build())).isInstanceOf(PayloadValidation.Valid.class);
        assertThat(validator.validate(metadata(8, 4, 2).build())).isInstanceOf(PayloadValidation.Valid.class);
        assertThat(validator.validate(metadata(9, 4, 3).build())).isInstanceOf(PayloadValidation.Valid.class);
    }

    @Test
    void aKeyRotationRequestIsCheckedForItsConnectorVersion() {
        assertThat(validator.read(MessageType.KEY_ROTATION_REQUEST,
                KeyRotationRequest.newBuilder().setConnectorVersion("1.3.0").build().toByteArray()))
                .isInstanceOf(PayloadValidation.Valid.class);
        assertThat(validator.read(MessageType.KEY_ROTATION_REQUEST,
                KeyRotationRequest.newBuilder().setConnectorVersion("2.0.0").build().toByteArray()))
                .isInstanceOf(PayloadValidation.UnsupportedClientVersion.class);
        assertThat(field(validator.read(MessageType.KEY_ROTATION_REQUEST,
                KeyRotationRequest.newBuilder().setConnectorVersion("").build().toByteArray())))
                .isEqualTo("connector_version");
        PayloadValidation garbage = validator.read(MessageType.KEY_ROTATION_REQUEST, new byte[] {(byte) 0xFF});
        assertThat(((PayloadValidation.Malformed) garbage).detail()).contains("cascade.v1.KeyRotationRequest");
    }

    @Test
    void activationFieldsAreNamed() {
        assertThat(field(validator.validate(activation().setLicenseKey(" ").build()))).isEqualTo("license_key");
        assertThat(field(validator.validate(activation().setServerName("").build()))).isEqualTo("server_name");
        assertThat(field(validator.validate(activation().setServerIp("server.example.com").build())))
                .isEqualTo("server_ip");
        assertThat(field(validator.validate(activation().setConnectorVersion("one").build())))
                .isEqualTo("connector_version");
    }

    @Test
    void aConnectorVersionOutsideTheRangeIsUnsupportedAndNamesTheRange() {
        PayloadValidation result = validator.validate(StatusRequest.newBuilder().setConnectorVersion("2.0.0").build());

        assertThat(result).isInstanceOf(PayloadValidation.UnsupportedClientVersion.class);
        PayloadValidation.UnsupportedClientVersion unsupported = (PayloadValidation.UnsupportedClientVersion) result;
        assertThat(unsupported.field()).isEqualTo("connector_version");
        assertThat(unsupported.supported()).isEqualTo(new VersionRange("1.0.0", "1.99.99"));
    }

    @ParameterizedTest
    @CsvSource({"10, 4, 2, piece_hashes", "8, 4, 3, piece_hashes", "8, 0, 0, piece_size"})
    void thePieceListMustMatchSizeAndPieceSize(long size, int pieceSize, int pieces, String field) {
        assertThat(field(validator.validate(metadata(size, pieceSize, pieces).build()))).isEqualTo(field);
    }

    @Test
    void hashesMustBe32BytesAndTheContentIdPresent() {
        assertThat(field(validator.validate(metadata(4, 4, 1).setContentId("").build()))).isEqualTo("content_id");
        assertThat(field(validator.validate(metadata(4, 4, 1).setSha256(ByteString.copyFrom(new byte[31])).build())))
                .isEqualTo("sha256");
        PayloadValidation.Malformed piece = (PayloadValidation.Malformed) validator.validate(metadata(8, 4, 1)
                .addPieceHashes(ByteString.copyFrom(new byte[33])).build());
        assertThat(piece.detail()).startsWith("piece_hashes[1] has 33 bytes");
    }

    @Test
    void aPayloadThatDoesNotParseNamesTheMessage() {
        PayloadValidation result = validator.read(MessageType.APP_METADATA, new byte[] {(byte) 0xFF, (byte) 0xFF});

        assertThat(((PayloadValidation.Malformed) result).detail()).isEqualTo("payload is not a cascade.v1.AppMetadata message");
    }

    private static String field(PayloadValidation result) {
        assertThat(result).isInstanceOf(PayloadValidation.Malformed.class);
        return ((PayloadValidation.Malformed) result).field();
    }
}
