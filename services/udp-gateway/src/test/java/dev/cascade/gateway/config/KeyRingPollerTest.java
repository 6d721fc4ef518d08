package dev.cascade.gateway.config;

import static dev.cascade.gateway.config.WireKeyRingReaderTest.key;
import static dev.cascade.gateway.config.WireKeyRingReaderTest.ring;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.WireKeyRing;
import dev.cascade.wire.KeyRing;
import dev.cascade.wire.WireKey;

class KeyRingPollerTest {

    /** Answers with the ring set last, or fails while none is set. */
    static final class ScriptedFetcher implements KeyRingFetcher {
        final AtomicReference<WireKeyRing> ring = new AtomicReference<>();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public WireKeyRing fetch() {
            calls.incrementAndGet();
            WireKeyRing current = ring.get();
            if (current == null) {
                throw new IllegalStateException("UNAVAILABLE (connection refused)");
            }
            return current;
        }

        @Override
        public String describe() {
            return "activation-service at test:1";
        }
    }

    private final ScriptedFetcher fetcher = new ScriptedFetcher();
    private final KeyRing ring = new KeyRing(List.of());
    private final List<Boolean> outcomes = new ArrayList<>();
    private final AtomicInteger fetchFailures = new AtomicInteger();
    private final KeyRingPoller poller = new KeyRingPoller(fetcher, ring, outcomes::add, fetchFailures::incrementAndGet);

    @Test
    void withoutAnAnswerNothingIsLoadedAndTheProblemSaysWhy() {
        assertThat(poller.pollOnce()).isFalse();

        assertThat(poller.loaded()).isFalse();
        assertThat(ring.all()).isEmpty();
        assertThat(fetchFailures.get()).isEqualTo(1);
        assertThat(poller.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("activation-service at test:1 did not answer GetKeyRing: UNAVAILABLE"));
    }

    @Test
    void aChangedRevisionReplacesTheRingAndTheSameRevisionChangesNothing() {
        fetcher.ring.set(ring(1, key(1, "fleet", 0), key(2, "connector", 0)));
        assertThat(poller.pollOnce()).isTrue();
        assertThat(poller.loaded()).isTrue();
        assertThat(ids()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(outcomes).as("the first ring is not a reload").isEmpty();

        // same revision, other content: the revision is what says "changed"
        fetcher.ring.set(ring(1, key(9, "fleet", 0)));
        assertThat(poller.pollOnce()).isFalse();
        assertThat(ids()).containsExactlyInAnyOrder(1L, 2L);

        long graceEnd = Instant.now().plusSeconds(60).toEpochMilli();
        fetcher.ring.set(ring(2, key(3, "fleet", 0), key(1, "fleet", graceEnd), key(2, "connector", 0)));
        assertThat(poller.pollOnce()).isTrue();
        assertThat(ids()).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(poller.revision()).isEqualTo(2);
        assertThat(outcomes).containsExactly(true);
    }

    @Test
    void aBadRingIsRefusedOnceAndTheOldKeysStay() {
        fetcher.ring.set(ring(1, key(1, "fleet", 0)));
        poller.pollOnce();

        fetcher.ring.set(ring(2, key(2, "connector", 0)));
        assertThat(poller.pollOnce()).isFalse();
        assertThat(poller.pollOnce()).isFalse();

        assertThat(ids()).containsExactly(1L);
        assertThat(poller.revision()).isEqualTo(1);
        assertThat(outcomes).as("one refusal per refused revision").containsExactly(false);
        assertThat(poller.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("revision 2").contains("no current 'fleet' key"));

        fetcher.ring.set(ring(3, key(4, "fleet", 0)));
        assertThat(poller.pollOnce()).isTrue();
        assertThat(ids()).containsExactly(4L);
        assertThat(poller.problem()).isEmpty();
        assertThat(outcomes).containsExactly(false, true);
    }

    @Test
    void anUnreachableServiceKeepsTheKeysInForce() {
        fetcher.ring.set(ring(1, key(1, "fleet", 0)));
        poller.pollOnce();
        fetcher.ring.set(null);

        assertThat(poller.pollOnce()).isFalse();

        assertThat(poller.loaded()).isTrue();
        assertThat(ids()).containsExactly(1L);
        assertThat(fetchFailures.get()).isEqualTo(1);
        assertThat(outcomes).isEmpty();
    }

    @Test
    void theStartupWaitEndsWhenTheFirstRingArrivesOrWhenItIsOver() throws Exception {
        assertThat(poller.awaitFirstRing(Duration.ofMillis(150), Duration.ofMillis(20))).isFalse();
        assertThat(fetcher.calls.get()).as("retried during the wait").isGreaterThan(2);

        Thread later = new Thread(() -> {
            sleep(100);
            fetcher.ring.set(ring(1, key(1, "fleet", 0)));
        });
        later.start();
        assertThat(poller.awaitFirstRing(Duration.ofSeconds(20), Duration.ofMillis(20))).isTrue();
        later.join();
        assertThat(ids()).containsExactly(1L);
    }

    private List<Long> ids() {
        return ring.all().stream().map(WireKey::id).toList();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
