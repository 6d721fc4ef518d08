package dev.cascade.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class AnswerBudgetTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(SECOND);

    private static InetAddress address(String text) throws Exception {
        return InetAddress.getByName(text);
    }

    @Test
    void eachSourceGetsItsBurstThenItsRateInBytes() throws Exception {
        AnswerBudget budget = new AnswerBudget(new AnswerBudget.Limits(500, 300, 100_000, 100_000, 16), now::get);
        InetAddress a = address("10.9.1.2");
        InetAddress b = address("10.9.1.3");

        assertThat(taken(budget, a, 100, 10)).isEqualTo(3);
        assertThat(taken(budget, b, 100, 10)).as("another source has its own bucket").isEqualTo(3);

        now.addAndGet(SECOND / 5); // 0.2 s at 500 B/s: 100 bytes more

        assertThat(taken(budget, a, 100, 10)).isEqualTo(1);
        now.addAndGet(10 * SECOND); // a long pause refills no more than the burst
        assertThat(taken(budget, a, 100, 10)).isEqualTo(3);
    }

    @Test
    void aLargeReplyCostsWhatItWeighs() throws Exception {
        AnswerBudget budget = new AnswerBudget(new AnswerBudget.Limits(1_000, 10_000, 100_000, 100_000, 16), now::get);
        InetAddress a = address("10.9.1.2");

        assertThat(budget.tryTake(a, 8_000)).isTrue();
        assertThat(budget.tryTake(a, 8_000)).isFalse();
        assertThat(budget.tryTake(a, 2_000)).as("the refused reply took nothing").isTrue();
        assertThat(budget.tryTake(a, 20_000)).as("larger than the burst: never").isFalse();
    }

    @Test
    void theTotalBoundsManySources() throws Exception {
        AnswerBudget budget = new AnswerBudget(new AnswerBudget.Limits(500, 1_000, 1_000, 2_000, 4096), now::get);
        int answered = 0;
        for (int i = 1; i <= 200; i++) {
            answered += budget.tryTake(address("10.9.1." + i), 100) ? 1 : 0;
        }

        assertThat(answered).isEqualTo(20);
    }

    @Test
    void anEmptyTotalTakesNothingFromTheSource() throws Exception {
        AnswerBudget budget = new AnswerBudget(new AnswerBudget.Limits(1, 200, 100, 100, 16), now::get);
        InetAddress a = address("10.9.1.2");

        assertThat(budget.tryTake(address("10.9.1.9"), 100)).isTrue(); // the whole total
        assertThat(budget.tryTake(a, 100)).isFalse();
        now.addAndGet(SECOND);
        assertThat(budget.tryTake(a, 100)).isTrue();
        now.addAndGet(SECOND);
        assertThat(budget.tryTake(a, 100)).as("a's bytes were not spent by the refused attempt").isTrue();
    }

    private static int taken(AnswerBudget budget, InetAddress source, int bytes, int attempts) {
        int taken = 0;
        for (int i = 0; i < attempts; i++) {
            taken += budget.tryTake(source, bytes) ? 1 : 0;
        }
        return taken;
    }
}
