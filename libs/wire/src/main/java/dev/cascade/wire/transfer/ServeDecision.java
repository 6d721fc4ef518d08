package dev.cascade.wire.transfer;

/** Whether a holder serves a requester: allowed, or refused with a reason the requester is told. */
public sealed interface ServeDecision {

    ServeDecision ALLOWED = new Allowed();

    record Allowed() implements ServeDecision {
    }

    /** {@code reason} is words for the operator, e.g. "VPN offices do not share content". */
    record Refused(String reason) implements ServeDecision {
    }
}
