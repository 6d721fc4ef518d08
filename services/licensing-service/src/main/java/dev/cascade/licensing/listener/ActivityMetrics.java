package dev.cascade.licensing.listener;

import dev.cascade.licensing.seat.SeatRules.Decision;
import io.micrometer.core.instrument.MeterRegistry;

/** The counters both activity listeners keep. */
final class ActivityMetrics {

    private ActivityMetrics() {
    }

    static void count(MeterRegistry registry, String type, Decision decision) {
        registry.counter("cascade_licensing_events_processed_total", "type", type).increment();
        if (decision == Decision.BEFORE_RELEASE) {
            // a replayed or late event, older than the release of the seat: it must not take the seat back
            registry.counter("cascade_licensing_events_before_release_total", "type", type).increment();
        }
    }
}
