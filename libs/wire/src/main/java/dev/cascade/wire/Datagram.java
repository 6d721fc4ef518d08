package dev.cascade.wire;

/** An authenticated datagram: its header and its protobuf payload bytes. */
public record Datagram(Header header, MessageType type, byte[] payload) {
}
