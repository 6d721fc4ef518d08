package dev.cascade.gateway.connector;

import static dev.cascade.wire.PayloadText.quote;
import static dev.cascade.wire.PayloadText.shorten;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

import dev.cascade.contracts.v1.ActivationRequest;
import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.KeyRotationRequest;
import dev.cascade.contracts.v1.StatusRequest;
import dev.cascade.gateway.ingest.PayloadReader;
import dev.cascade.gateway.ingest.PayloadValidation;
import dev.cascade.wire.IpLiteralSyntax;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.VersionRange;

/**
 * Checks the connector's requests (ACTIVATE, STATUS_REQUEST, APP_METADATA, KEY_ROTATION_REQUEST) as far as the gateway
 * can without state: required text present, addresses literal, hashes the size of a SHA-256, the
 * piece list consistent with size and piece size, the connector version supported. Whether a
 * license key is valid or a content already known is for the services behind the topic to say.
 */
public final class ConnectorRequestValidator implements PayloadReader {

    public static final int SHA256_BYTES = 32;

    private final VersionRange connectorVersions;

    public ConnectorRequestValidator(VersionRange connectorVersions) {
        this.connectorVersions = connectorVersions;
    }

    @Override
    public PayloadValidation read(MessageType type, byte[] payload) {
        try {
            return switch (type) {
                case ACTIVATE -> validate(ActivationRequest.parseFrom(payload));
                case STATUS_REQUEST -> validate(StatusRequest.parseFrom(payload));
                case APP_METADATA -> validate(AppMetadata.parseFrom(payload));
                case KEY_ROTATION_REQUEST -> validate(KeyRotationRequest.parseFrom(payload));
                default -> throw new IllegalArgumentException(type + " is not a connector request");
            };
        } catch (InvalidProtocolBufferException e) {
            return malformed("payload", "payload is not a cascade.v1." + messageName(type) + " message");
        }
    }

    public PayloadValidation validate(ActivationRequest request) {
        if (request.getLicenseKey().isBlank()) {
            return malformed("license_key", "license_key is empty; expected the license key to activate with");
        }
        if (request.getServerName().isBlank()) {
            return malformed("server_name", "server_name is empty; expected the server's name");
        }
        String ip = request.getServerIp();
        if (!IpLiteralSyntax.isIpv4(ip) && !IpLiteralSyntax.isIpv6(ip)) {
            return malformed("server_ip", "server_ip " + quote(ip) + " is not an IPv4 or IPv6 address literal");
        }
        return version(request.getConnectorVersion(), request);
    }

    public PayloadValidation validate(StatusRequest request) {
        return version(request.getConnectorVersion(), request);
    }

    public PayloadValidation validate(KeyRotationRequest request) {
        return version(request.getConnectorVersion(), request);
    }

    public PayloadValidation validate(AppMetadata metadata) {
        if (metadata.getContentId().isBlank()) {
            return malformed("content_id", "content_id is empty; expected the content (blob) id");
        }
        if (metadata.getSha256().size() != SHA256_BYTES) {
            return malformed("sha256", "sha256 has " + metadata.getSha256().size() + " bytes; expected "
                    + SHA256_BYTES);
        }
        long pieceSize = Integer.toUnsignedLong(metadata.getPieceSize());
        if (pieceSize == 0) {
            return malformed("piece_size", "piece_size is 0; expected the bytes per piece");
        }
        for (int i = 0; i < metadata.getPieceHashesCount(); i++) {
            int size = metadata.getPieceHashes(i).size();
            if (size != SHA256_BYTES) {
                return malformed("piece_hashes", "piece_hashes[" + i + "] has " + size + " bytes; expected "
                        + SHA256_BYTES);
            }
        }
        long size = metadata.getSizeBytes(); // uint64: compare unsigned
        long expected = Long.divideUnsigned(size, pieceSize) + (Long.remainderUnsigned(size, pieceSize) == 0 ? 0 : 1);
        if (expected != metadata.getPieceHashesCount()) {
            return malformed("piece_hashes", "piece_hashes has " + metadata.getPieceHashesCount() + " hashes; expected "
                    + Long.toUnsignedString(expected) + " for size_bytes " + Long.toUnsignedString(size)
                    + " and piece_size " + pieceSize);
        }
        return new PayloadValidation.Valid(metadata);
    }

    private PayloadValidation version(String version, Message request) {
        try {
            VersionRange.parse(version);
        } catch (IllegalArgumentException e) {
            return malformed("connector_version", "connector_version " + quote(version) + " is not MAJOR.MINOR.PATCH");
        }
        if (!connectorVersions.contains(version)) {
            return new PayloadValidation.UnsupportedClientVersion("connector_version", shorten(version), connectorVersions);
        }
        return new PayloadValidation.Valid(request);
    }

    private static String messageName(MessageType type) {
        return switch (type) {
            case ACTIVATE -> "ActivationRequest";
            case STATUS_REQUEST -> "StatusRequest";
            case KEY_ROTATION_REQUEST -> "KeyRotationRequest";
            default -> "AppMetadata";
        };
    }

    private static PayloadValidation malformed(String field, String detail) {
        return new PayloadValidation.Malformed(field, detail);
    }
}
