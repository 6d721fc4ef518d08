package dev.cascade.agent;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.LongSupplier;

import dev.cascade.contracts.v1.Ack;
import dev.cascade.contracts.v1.Reject;
import dev.cascade.contracts.v1.SupportedRange;
import dev.cascade.wire.DatagramCodec;
import dev.cascade.wire.Reply;

/**
 * What the server's answer to one of our requests (a registration, a heartbeat, a report) means for the
 * operator and for a long-running agent: one line, the exit code it stands for, and whether trying again
 * later may help.
 */
final class ServerAnswers {

    private final AgentConfig config;
    private final Clock clock;
    private final LongSupplier keyId;

    /** {@code keyId}: the id of the key the request was tagged with (the agent's key can change while it runs). */
    ServerAnswers(AgentConfig config, Clock clock, LongSupplier keyId) {
        this.config = config;
        this.clock = clock;
        this.keyId = keyId;
    }

    /**
     * @param what    the request in words ("registration", "heartbeat"), for the messages
     * @param elapsed how long the exchange took, for a no-answer message
     * @param acked   the line to print for an ACK
     */
    Outcome of(Reply reply, String what, Duration elapsed, Function<Ack, String> acked) {
        if (reply instanceof Reply.Acked ack) {
            return new Outcome(Outcome.REGISTERED, acked.apply(ack.ack()), false, false, Duration.ZERO, ack.attempts());
        }
        if (reply instanceof Reply.Rejected rejected) {
            return refused(rejected.reject(), rejected.authenticated(), rejected.attempts(), what);
        }
        if (reply instanceof Reply.Refused refused) {
            // the fragments of a large request were refused: a bug or a limit, not something time cures
            return new Outcome(Outcome.FAILED, "the server refused the fragments of our " + what + " ("
                    + refused.refusal() + ")", false, false, Duration.ZERO, refused.attempts());
        }
        int attempts = ((Reply.NoAnswer) reply).attempts();
        return new Outcome(Outcome.NO_ANSWER, String.format(Locale.ROOT,
                "no answer from %s after %d attempts over %.1f s: is the gateway running and UDP reachable?",
                config.server(), attempts, elapsed.toMillis() / 1000.0), true, false, Duration.ZERO, attempts);
    }

    private Outcome refused(Reject reject, boolean authenticated, int attempts, String what) {
        Refusal refusal = switch (reject.getReason()) {
            case REJECT_REASON_AUTHENTICATION_FAILED -> new Refusal(Outcome.KEY_REFUSED,
                    "the server refused our key (key id " + keyId.getAsLong()
                            + "): check --key-file/--fleet-key against the server's fleet key", false);
            case REJECT_REASON_UNSUPPORTED_CLIENT_VERSION -> new Refusal(Outcome.UNSUPPORTED_VERSION,
                    "the server supports client versions " + range(reject.getSupportedClientVersions(), reject)
                            + "; this agent is " + AgentVersion.CLIENT_VERSION, false);
            case REJECT_REASON_UNSUPPORTED_PROTOCOL_VERSION -> new Refusal(Outcome.UNSUPPORTED_VERSION,
                    "the server supports protocol versions " + range(reject.getSupportedProtocolVersions(), reject)
                            + "; this agent speaks protocol " + DatagramCodec.PROTOCOL_VERSION, false);
            // the clock may be corrected (NTP) while we run
            case REJECT_REASON_STALE_TIMESTAMP -> new Refusal(Outcome.CLOCK_SKEW, clockSkew(reject), true);
            case REJECT_REASON_MALFORMED_PAYLOAD -> new Refusal(Outcome.MALFORMED,
                    "the server refused our " + what + " as malformed: " + detailOrNone(reject), false);
            case REJECT_REASON_OVERLOADED -> new Refusal(Outcome.OVERLOADED,
                    "the server is overloaded and asks us to retry after " + reject.getRetryAfterMs() + " ms", true);
            default -> new Refusal(Outcome.FAILED,
                    "the server refused our " + what + " (" + reject.getReason() + "): " + detailOrNone(reject), true);
        };
        // A reject without a valid tag could come from anyone on the path: report it, but never stop for it.
        boolean forgeable = !authenticated;
        return new Outcome(refusal.exitCode(), refusal.message(), refusal.mayPass() || forgeable, forgeable,
                Duration.ofMillis(reject.getRetryAfterMs()), attempts);
    }

    /** {@code mayPass}: the cause can go away without the operator, so a long-running agent tries again. */
    private record Refusal(int exitCode, String message, boolean mayPass) {
    }

    private String clockSkew(Reject reject) {
        if (reject.getServerTimeUnixMs() == 0) {
            return "our clock is off the server's by more than it allows: fix the clock (" + detailOrNone(reject) + ")";
        }
        long offsetMs = clock.millis() - reject.getServerTimeUnixMs();
        return "our clock is " + Math.round(Math.abs(offsetMs) / 1000.0) + " s off the server's: fix the clock (ours is "
                + (offsetMs >= 0 ? "ahead" : "behind") + ")";
    }

    private static String range(SupportedRange range, Reject reject) {
        if (range.getMin().isEmpty() && range.getMax().isEmpty()) {
            return "(range not given: " + detailOrNone(reject) + ")";
        }
        return range.getMin() + ".." + range.getMax();
    }

    private static String detailOrNone(Reject reject) {
        return reject.getDetail().isBlank() ? "the server gave no detail" : reject.getDetail();
    }
}
