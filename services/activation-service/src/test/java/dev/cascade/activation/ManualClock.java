package dev.cascade.activation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;

/** A clock the test moves by hand: grace periods, the resend limit and the heartbeat TTL read it. */
@Alternative
@Singleton
public class ManualClock extends Clock {

    // milliseconds, as the wire carries them
    private volatile Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the service reads instants only");
    }
}
