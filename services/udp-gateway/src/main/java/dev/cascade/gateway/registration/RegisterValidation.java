package dev.cascade.gateway.registration;

import dev.cascade.wire.VersionRange;

/** The outcome of checking a REGISTER payload. */
public sealed interface RegisterValidation {

    record Valid() implements RegisterValidation {
    }

    /** A field is missing or wrong; {@code detail} names it and what was expected. */
    record Malformed(String field, String detail) implements RegisterValidation {
    }

    /** client_version is well formed but outside the supported range. */
    record UnsupportedClientVersion(String clientVersion, VersionRange supported) implements RegisterValidation {
    }
}
