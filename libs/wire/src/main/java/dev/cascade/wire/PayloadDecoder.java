package dev.cascade.wire;

import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.ProtocolMessageEnum;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.ActivationRequest;
import dev.cascade.contracts.v1.ActivationResult;
import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.Block;
import dev.cascade.contracts.v1.ClientActivation;
import dev.cascade.contracts.v1.ControlSignal;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.Discover;
import dev.cascade.contracts.v1.DiscoverReply;
import dev.cascade.contracts.v1.Fragment;
import dev.cascade.contracts.v1.FragmentAck;
import dev.cascade.contracts.v1.FragmentRefusal;
import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.KeyRotationRequest;
import dev.cascade.contracts.v1.KeyRotationResult;
import dev.cascade.contracts.v1.PieceRefusal;
import dev.cascade.contracts.v1.PieceRequest;
import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.Register;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.ServerStatus;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.contracts.v1.StatusRequest;
import dev.cascade.contracts.v1.TransferReport;

/**
 * Parses a payload as the protobuf message of its {@link MessageType} and checks what the wire
 * layer can check alone (lengths, ranges, enum values, self-consistency). Rules that need
 * configuration, such as the supported client versions, stay with the receiver. The limits are
 * {@link PayloadLimits}; docs/protocol.md states every rule.
 */
public final class PayloadDecoder {

    private static final int SHA256_SIZE = 32;

    private PayloadDecoder() {
    }

    public static DecodedPayload decode(MessageType type, byte[] payload) {
        try {
            return switch (type) {
                case REGISTER -> register(Register.parseFrom(payload));
                case ACK -> ack(Ack.parseFrom(payload));
                case REJECT -> reject(Reject.parseFrom(payload));
                case FRAGMENT -> fragment(Fragment.parseFrom(payload));
                case FRAGMENT_ACK -> fragmentAck(FragmentAck.parseFrom(payload));
                case HEARTBEAT -> PeerReportDecoder.heartbeat(Heartbeat.parseFrom(payload));
                case INVENTORY_REPORT -> PeerReportDecoder.inventoryReport(InventoryReport.parseFrom(payload));
                case TRANSFER_REPORT -> PeerReportDecoder.transferReport(TransferReport.parseFrom(payload));
                case DEPLOYMENT_NOTICE -> ServerMessageDecoder.deploymentNotice(DeploymentNotice.parseFrom(payload));
                case PLAN_REQUEST -> PeerReportDecoder.planRequest(PlanRequest.parseFrom(payload));
                case SOURCE_PLAN -> ServerMessageDecoder.sourcePlan(SourcePlan.parseFrom(payload));
                case ACTIVATE -> ActivationMessageDecoder.activationRequest(ActivationRequest.parseFrom(payload));
                case ACTIVATION_RESULT -> ActivationMessageDecoder.activationResult(ActivationResult.parseFrom(payload));
                case STATUS_REQUEST -> ActivationMessageDecoder.statusRequest(StatusRequest.parseFrom(payload));
                case SERVER_STATUS -> ActivationMessageDecoder.serverStatus(ServerStatus.parseFrom(payload));
                case APP_METADATA -> appMetadata(AppMetadata.parseFrom(payload));
                case KEY_ROTATION_REQUEST -> ActivationMessageDecoder.keyRotationRequest(KeyRotationRequest.parseFrom(payload));
                case KEY_ROTATION_RESULT -> ActivationMessageDecoder.keyRotationResult(KeyRotationResult.parseFrom(payload));
                case CLIENT_ACTIVATION -> ActivationMessageDecoder.clientActivation(ClientActivation.parseFrom(payload));
                case DISCOVER -> discover(Discover.parseFrom(payload));
                case DISCOVER_REPLY -> discoverReply(DiscoverReply.parseFrom(payload));
                case CONTROL -> control(ControlSignal.parseFrom(payload));
                case PIECE_REQUEST -> TransferMessageDecoder.pieceRequest(PieceRequest.parseFrom(payload));
                case BLOCK -> TransferMessageDecoder.block(Block.parseFrom(payload));
                case PIECE_REFUSAL -> TransferMessageDecoder.pieceRefusal(PieceRefusal.parseFrom(payload));
            };
        } catch (InvalidProtocolBufferException e) {
            return new DecodedPayload.Malformed("payload", "payload does not parse as a " + type + " message (protobuf): "
                    + e.getMessage());
        }
    }

    private static DecodedPayload register(Register m) {
        DecodedPayload.Malformed bad = FieldRules.text("hostname", m.getHostname(), 1, PayloadLimits.MAX_HOSTNAME_LENGTH);
        if (bad == null) {
            bad = FieldRules.ipAndPrefix(m.getIpAddress(), m.getPrefixLength());
        }
        if (bad == null) {
            bad = FieldRules.clientVersion(m.getClientVersion());
        }
        if (bad == null) {
            bad = FieldRules.enumValue("device_class", m.getDeviceClass(), false);
        }
        if (bad == null) {
            bad = FieldRules.enumValue("os_type", m.getOsType(), false);
        }
        return bad != null ? bad : valid(m);
    }

    private static DecodedPayload ack(Ack m) {
        try {
            UUID.fromString(m.getEventId());
            return valid(m);
        } catch (IllegalArgumentException e) {
            return malformed("event_id", "event_id is not a UUID");
        }
    }

    private static DecodedPayload reject(Reject m) {
        return enumValue(m, "reason", m.getReason());
    }

    private static DecodedPayload fragment(Fragment m) {
        long total = Integer.toUnsignedLong(m.getTotalLength());
        long size = Integer.toUnsignedLong(m.getFragmentSize());
        if (total == 0) {
            return malformed("total_length", "total_length is 0");
        }
        if (size < 512 || size > 65_000) {
            return malformed("fragment_size", "fragment_size " + size + " is outside 512..65000");
        }
        long count = (total + size - 1) / size;
        long index = Integer.toUnsignedLong(m.getIndex());
        if (index >= count) {
            return malformed("index", "index " + index + " is not below the fragment count " + count);
        }
        long expected = index < count - 1 ? size : total - (count - 1) * size;
        if (m.getData().size() != expected) {
            return malformed("data", "data has " + m.getData().size() + " bytes; expected " + expected);
        }
        return valid(m);
    }

    private static DecodedPayload fragmentAck(FragmentAck m) {
        long maxBytes = (Integer.toUnsignedLong(m.getFragmentCount()) + 7) / 8;
        if (m.getReceived().size() > maxBytes) {
            return malformed("received", "received has " + m.getReceived().size() + " bytes; "
                    + Integer.toUnsignedString(m.getFragmentCount()) + " fragments need at most " + maxBytes);
        }
        if (m.getComplete() && m.getRefusal() != FragmentRefusal.FRAGMENT_REFUSAL_NONE) {
            return malformed("refusal", "an ack cannot be complete and refused");
        }
        return enumValue(m, "refusal", m.getRefusal());
    }

    private static DecodedPayload appMetadata(AppMetadata m) {
        if (m.getContentId().isEmpty()) {
            return malformed("content_id", "content_id is empty");
        }
        if (!m.getSha256().isEmpty() && m.getSha256().size() != SHA256_SIZE) {
            return malformed("sha256", "sha256 has " + m.getSha256().size() + " bytes; expected 32");
        }
        for (int i = 0; i < m.getPieceHashesCount(); i++) {
            if (m.getPieceHashes(i).size() != SHA256_SIZE) {
                return malformed("piece_hashes", "piece hash " + i + " has " + m.getPieceHashes(i).size() + " bytes; expected 32");
            }
        }
        if (m.getPieceHashesCount() > 0) {
            long pieceSize = Integer.toUnsignedLong(m.getPieceSize());
            if (pieceSize == 0) {
                return malformed("piece_size", "piece_size is 0 while piece hashes are given");
            }
            long pieces = m.getSizeBytes() < 0 ? -1 : (m.getSizeBytes() + pieceSize - 1) / pieceSize;
            if (pieces != m.getPieceHashesCount()) {
                return malformed("piece_hashes", m.getPieceHashesCount() + " piece hashes given; size_bytes and piece_size make "
                        + (pieces < 0 ? "too many" : String.valueOf(pieces)));
            }
        }
        return valid(m);
    }

    private static DecodedPayload discover(Discover m) {
        if (m.getContentId().isEmpty()) {
            return malformed("content_id", "content_id is empty");
        }
        if (m.getReplyPort() < 1 || m.getReplyPort() > 65_535) {
            return malformed("reply_port", "reply_port " + Integer.toUnsignedString(m.getReplyPort()) + " is outside 1..65535");
        }
        return valid(m);
    }

    private static DecodedPayload discoverReply(DiscoverReply m) {
        long maxBytes = (Integer.toUnsignedLong(m.getPieceCount()) + 7) / 8;
        if (m.getPieces().size() > maxBytes) {
            return malformed("pieces", "pieces has " + m.getPieces().size() + " bytes; "
                    + Integer.toUnsignedString(m.getPieceCount()) + " pieces need at most " + maxBytes);
        }
        if (Integer.toUnsignedLong(m.getContentPort()) > 65_535) {
            return malformed("content_port", "content_port " + Integer.toUnsignedString(m.getContentPort()) + " is above 65535");
        }
        return valid(m);
    }

    private static DecodedPayload control(ControlSignal m) {
        if (m.getKind() == ControlSignal.Kind.KIND_UNSPECIFIED) {
            return malformed("kind", "kind is unspecified");
        }
        return enumValue(m, "kind", m.getKind());
    }

    /** MAJOR.MINOR.PATCH of 1..9 decimal digits each, then optionally '-' or '+' and letters, digits, '.', '+', '-'. */
    static boolean isSemanticVersion(String text) {
        int position = 0;
        for (int part = 0; part < 3; part++) {
            if (part > 0) {
                if (position == text.length() || text.charAt(position) != '.') {
                    return false;
                }
                position++;
            }
            int start = position;
            while (position < text.length() && position - start < 9 && isDecimal(text.charAt(position))) {
                position++;
            }
            if (position == start) {
                return false;
            }
        }
        if (position == text.length()) {
            return true;
        }
        char separator = text.charAt(position);
        if (separator != '-' && separator != '+') {
            return false;
        }
        for (int i = position + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isDecimal(c) && !(c >= 'A' && c <= 'Z') && !(c >= 'a' && c <= 'z') && c != '.' && c != '+' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean isDecimal(char c) {
        return c >= '0' && c <= '9';
    }

    private static DecodedPayload enumValue(Message m, String field, ProtocolMessageEnum value) {
        try {
            value.getNumber();
            return valid(m);
        } catch (IllegalArgumentException e) {
            return malformed(field, field + " has a value this version does not know");
        }
    }

    private static DecodedPayload valid(Message m) {
        return new DecodedPayload.Valid(m);
    }

    private static DecodedPayload malformed(String field, String detail) {
        return new DecodedPayload.Malformed(field, detail);
    }
}
