package dev.cascade.agent;

import java.time.Duration;

/**
 * How one registration exchange ended, as the operator reads it: one line and the process exit
 * code it stands for. {@code retryLater} tells a long-running agent to try again after a pause
 * instead of stopping: no answer, a temporary refusal, or a refusal that a forger could have sent
 * ({@code unauthenticatedReject}: the server could not tag it, so anyone on the path could have).
 */
public record Outcome(int exitCode, String message, boolean retryLater, boolean unauthenticatedReject,
                      Duration retryAfter, int attempts) {

    public static final int REGISTERED = 0;
    /** A refusal for a reason this agent does not know, or a local failure such as an unusable reply port. */
    public static final int FAILED = 1;
    public static final int NO_ANSWER = 2;
    public static final int KEY_REFUSED = 3;
    public static final int UNSUPPORTED_VERSION = 4;
    public static final int CLOCK_SKEW = 5;
    public static final int MALFORMED = 6;
    public static final int OVERLOADED = 7;
    /** Bad command-line input (sysexits' EX_USAGE); picocli's own default, 2, would collide with NO_ANSWER. */
    public static final int USAGE = 64;

    public boolean registered() {
        return exitCode == REGISTERED;
    }
}
