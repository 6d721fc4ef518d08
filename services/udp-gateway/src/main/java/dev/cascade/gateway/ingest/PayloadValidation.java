package dev.cascade.gateway.ingest;

import com.google.protobuf.Message;

import dev.cascade.wire.VersionRange;

/** The outcome of parsing and checking an authenticated datagram's payload. */
public sealed interface PayloadValidation {

    /** The payload parsed and passed every check. */
    record Valid(Message message) implements PayloadValidation {
    }

    /** The payload does not parse, or a field is missing or wrong; {@code detail} names it and what was expected. */
    record Malformed(String field, String detail) implements PayloadValidation {
    }

    /** A client or connector version ({@code field}) that is well formed but outside {@code supported}. */
    record UnsupportedClientVersion(String field, String clientVersion, VersionRange supported)
            implements PayloadValidation {
    }
}
