package dev.cascade.gateway.ingest;

import dev.cascade.wire.MessageType;

/** Parses and checks the payload of one message family. Never throws on bad bytes: bad input is a value. */
@FunctionalInterface
public interface PayloadReader {

    PayloadValidation read(MessageType type, byte[] payload);
}
