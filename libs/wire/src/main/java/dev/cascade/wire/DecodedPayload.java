package dev.cascade.wire;

import com.google.protobuf.Message;

/** A payload parsed for its message type: valid, or malformed with the field at fault. Never an exception. */
public sealed interface DecodedPayload {

    record Valid(Message message) implements DecodedPayload {
    }

    /** {@code field} is the protobuf field name (or "payload" when it did not parse); {@code detail} says what was expected. */
    record Malformed(String field, String detail) implements DecodedPayload {
    }
}
