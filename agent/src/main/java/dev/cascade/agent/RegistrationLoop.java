package dev.cascade.agent;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import dev.cascade.wire.RetryPolicy;

/**
 * When to register: once (exit with the outcome), or for as long as the agent runs — again every
 * re-registration interval after an ACK (the server treats it as an update), and after a pause
 * that doubles up to a cap while the server does not answer or refuses for a reason that may pass.
 * A refused key is first tried again soon ({@link #KEY_CATCH_UP}): right after activation issues a
 * key, the gateway may not have loaded it yet (it reads activation-service's key ring every 5 s), and
 * a fleet started then should not wait a whole round pause for it. Between re-registrations the
 * running agent sends a HEARTBEAT every heartbeat interval; a heartbeat
 * that gets no ACK sends it back to registering, whose pauses then apply.
 */
public final class RegistrationLoop {

    /** Waits; tests substitute one that records the pauses and stops the loop. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** The pauses after the first key refusals in a row: 2, 4 and 8 s (±25 %), then the usual round pauses. */
    static final RetryPolicy KEY_CATCH_UP = new RetryPolicy(3, Duration.ofSeconds(2), Duration.ofSeconds(8), 0.25);

    private final Registration registration;
    private final HeartbeatExchange heartbeat;
    private final AgentConfig config;
    private final Sleeper sleeper;
    private final PrintWriter out;
    private final PrintWriter err;

    public RegistrationLoop(Registration registration, HeartbeatExchange heartbeat, AgentConfig config, Sleeper sleeper,
                            PrintWriter out, PrintWriter err) {
        this.registration = registration;
        this.heartbeat = heartbeat;
        this.config = config;
        this.sleeper = sleeper;
        this.out = out;
        this.err = err;
    }

    /**
     * Registers once within {@code --max-attempts} sends in all and returns the exit code. An
     * OVERLOADED reject is honoured by waiting as asked while attempts remain.
     */
    public int runOnce() throws InterruptedException {
        int remaining = config.maxAttempts();
        while (true) {
            Outcome outcome = registration.register(remaining);
            remaining -= outcome.attempts();
            if (outcome.registered()) {
                print(out, outcome.message());
                return Outcome.REGISTERED;
            }
            if (outcome.exitCode() != Outcome.OVERLOADED || remaining <= 0) {
                print(err, outcome.message());
                return outcome.exitCode();
            }
            sleeper.sleep(atLeast(outcome.retryAfter(), config.initialTimeout()));
        }
    }

    /**
     * Registers and re-registers until interrupted; returns an exit code only when the server
     * refused in a way that cannot pass without the operator (an authenticated version or payload refusal).
     */
    public int runUntilStopped() throws InterruptedException {
        RetryPolicy pauses = new RetryPolicy(Integer.MAX_VALUE, config.roundPause(), config.maxRoundPause(), 0.25);
        int failedRounds = 0;
        int keyRefusals = 0;
        while (true) {
            Outcome outcome = registration.register(config.maxAttempts());
            if (outcome.registered()) {
                print(out, outcome.message());
                failedRounds = 0;
                keyRefusals = 0;
                Outcome beat = heartbeatUntilReregistration();
                if (beat != null && !beat.retryLater()) {
                    print(err, "heartbeat: " + beat.message());
                    return beat.exitCode();
                }
                if (beat != null) {
                    print(err, "heartbeat: " + beat.message() + caveat(beat) + "; registering again");
                }
                continue;
            }
            if (!outcome.retryLater()) {
                print(err, outcome.message());
                return outcome.exitCode();
            }
            keyRefusals = outcome.exitCode() == Outcome.KEY_REFUSED ? keyRefusals + 1 : 0;
            Duration pause;
            if (keyRefusals > 0 && keyRefusals <= KEY_CATCH_UP.maxAttempts()) {
                pause = atLeast(KEY_CATCH_UP.timeoutAfter(keyRefusals), outcome.retryAfter());
            } else {
                failedRounds++;
                pause = atLeast(pauses.timeoutAfter(failedRounds), outcome.retryAfter());
            }
            print(err, outcome.message() + caveat(outcome)
                    + String.format(Locale.ROOT, "; trying again in %.1f s", pause.toMillis() / 1000.0));
            sleeper.sleep(pause);
        }
    }

    /**
     * Sends a heartbeat every heartbeat interval until the re-registration interval has passed (then null),
     * or returns the first heartbeat outcome that was not an ACK. Time is counted in the pauses taken, so an
     * interval of heartbeats is as long as the interval between registrations would have been.
     */
    private Outcome heartbeatUntilReregistration() throws InterruptedException {
        Duration left = jittered(config.reregisterInterval());
        while (true) {
            Duration pause = jittered(config.heartbeatInterval());
            if (pause.compareTo(left) >= 0) {
                sleeper.sleep(left);
                return null;
            }
            sleeper.sleep(pause);
            left = left.minus(pause);
            Outcome beat = heartbeat.send(config.maxAttempts());
            if (!beat.registered()) {
                return beat;
            }
        }
    }

    private static String caveat(Outcome outcome) {
        return outcome.unauthenticatedReject() ? " (unauthenticated reply: it may be forged)" : "";
    }

    /** ±10 %, so that a fleet started together does not re-register in step for ever. */
    private static Duration jittered(Duration interval) {
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-0.1, 0.1);
        return Duration.ofMillis(Math.max(1, Math.round(interval.toMillis() * factor)));
    }

    private static Duration atLeast(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void print(PrintWriter writer, String line) {
        writer.println(line);
        writer.flush();
    }
}
