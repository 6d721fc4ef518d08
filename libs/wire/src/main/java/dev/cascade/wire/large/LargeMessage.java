package dev.cascade.wire.large;

import java.util.UUID;

import dev.cascade.wire.MessageType;

/** A reassembled large message: who sent it, with which key, its type and its whole payload. */
public record LargeMessage(UUID sender, long keyId, long messageId, MessageType type, byte[] payload) {
}
