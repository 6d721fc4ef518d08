package dev.cascade.wire.large;

import java.util.UUID;

import dev.cascade.contracts.v1.FragmentAck;

/** A progress ack that is due: send {@code ack} to {@code sender}, tagged with key {@code keyId}. */
public record PendingAck(UUID sender, long keyId, FragmentAck ack) {
}
