package dev.cascade.wire;

import java.util.Optional;

/**
 * The message types of wire protocol v1: the header's type byte, and which key family must
 * authenticate a datagram of that type. docs/protocol.md lists the same table.
 */
public enum MessageType {
    REGISTER(0x01, KeyPurpose.FLEET),
    ACK(0x02, KeyPurpose.ANY),
    REJECT(0x03, KeyPurpose.ANY),
    /** One fragment of a large message; the whole message's type decides the key family. */
    FRAGMENT(0x04, KeyPurpose.ANY),
    FRAGMENT_ACK(0x05, KeyPurpose.ANY),
    /** Peer to server: alive, where, how much storage, busy. */
    HEARTBEAT(0x06, KeyPurpose.FLEET),
    /** Peer to server: what it holds (often a large message). */
    INVENTORY_REPORT(0x07, KeyPurpose.FLEET),
    /** Peer to server: one transfer ended, bytes by source class. */
    TRANSFER_REPORT(0x08, KeyPurpose.FLEET),
    /** Server to peer: a content is deployed to it (usually a large message: the piece hashes). */
    DEPLOYMENT_NOTICE(0x09, KeyPurpose.FLEET),
    /** Peer to server: where should I get this content? */
    PLAN_REQUEST(0x0A, KeyPurpose.FLEET),
    /** Server to peer: the answer to PLAN_REQUEST. */
    SOURCE_PLAN(0x0B, KeyPurpose.FLEET),
    ACTIVATE(0x10, KeyPurpose.CONNECTOR),
    ACTIVATION_RESULT(0x11, KeyPurpose.CONNECTOR),
    STATUS_REQUEST(0x12, KeyPurpose.CONNECTOR),
    SERVER_STATUS(0x13, KeyPurpose.CONNECTOR),
    APP_METADATA(0x14, KeyPurpose.CONNECTOR),
    /** Connector to server: generate a new shared security key. */
    KEY_ROTATION_REQUEST(0x15, KeyPurpose.CONNECTOR),
    /** Server to connector: the new shared key, wrapped with the old one. */
    KEY_ROTATION_RESULT(0x16, KeyPurpose.CONNECTOR),
    /** Server to peer: the server is activated; here is the (new) fleet key, wrapped with the one you use. */
    CLIENT_ACTIVATION(0x17, KeyPurpose.FLEET),
    DISCOVER(0x20, KeyPurpose.FLEET),
    DISCOVER_REPLY(0x21, KeyPurpose.FLEET),
    CONTROL(0x30, KeyPurpose.FLEET),
    /** Requester to holder's content port: send me these blocks of a piece (docs/protocol.md §17). */
    PIECE_REQUEST(0x40, KeyPurpose.FLEET),
    /** Holder to requester: one block of a piece. */
    BLOCK(0x41, KeyPurpose.FLEET),
    /** Holder to requester: no blocks for that request (busy, not held, refused, invalid). */
    PIECE_REFUSAL(0x42, KeyPurpose.FLEET);

    private static final MessageType[] BY_CODE = new MessageType[256];

    static {
        for (MessageType type : values()) {
            BY_CODE[type.code] = type;
        }
    }

    private final int code;
    private final KeyPurpose requiredPurpose;

    MessageType(int code, KeyPurpose requiredPurpose) {
        this.code = code;
        this.requiredPurpose = requiredPurpose;
    }

    public int code() {
        return code;
    }

    /** The family of key that must authenticate this type; a fleet key cannot speak for the connector. */
    public KeyPurpose requiredPurpose() {
        return requiredPurpose;
    }

    public static Optional<MessageType> fromCode(int code) {
        return code < 0 || code > 255 ? Optional.empty() : Optional.ofNullable(BY_CODE[code]);
    }
}
