package dev.cascade.metadata.service;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A peer's license seat as licensing-service tells it at request time.
 *
 * @param assignedAt when the seat was taken; null without a seat
 * @param detail     why the state is UNKNOWN; absent otherwise
 */
public record LicenseView(State state, Instant assignedAt, @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {

    public enum State {
        /** A seat within the purchased count. */
        LICENSED,
        /** A seat beyond the purchased count: never blocked, billed. */
        OVERAGE,
        /** No seat. */
        NONE,
        /** licensing-service could not tell. */
        UNKNOWN
    }

    public static LicenseView unknown(String detail) {
        return new LicenseView(State.UNKNOWN, null, detail);
    }
}
