package dev.cascade.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

class MemoryPieceInventoryTest {

    @Test
    void holdsNothingOfAContentUntilAPieceIsMarked() {
        MemoryPieceInventory inventory = new MemoryPieceInventory();
        inventory.track("app-7", 8);

        assertThat(inventory.held("app-7")).isEmpty();
        assertThat(inventory.held("unknown")).isEmpty();

        inventory.markHeld("app-7", 5);

        assertThat(inventory.held("app-7")).contains(PieceBitmap.of(8, 5));
        inventory.remove("app-7");
        assertThat(inventory.held("app-7")).isEmpty();
    }

    @Test
    void refusesPiecesOfUntrackedContentAndAChangedPieceCount() {
        MemoryPieceInventory inventory = new MemoryPieceInventory();
        inventory.track("app-7", 8);
        inventory.markHeld("app-7", 1);
        inventory.track("app-7", 8); // again, same count: what is held stays

        assertThat(inventory.held("app-7")).contains(PieceBitmap.of(8, 1));
        assertThatThrownBy(() -> inventory.track("app-7", 9)).hasMessage("content 'app-7' has 8 pieces, not 9");
        assertThatThrownBy(() -> inventory.markHeld("other", 0))
                .hasMessage("content 'other' is not tracked: track it with its piece count first");
        assertThatThrownBy(() -> inventory.markHeld("app-7", 8)).hasMessageContaining("piece 8 is outside 0..7");
    }

    @Test
    void loosesNoPieceWhenManyThreadsMarkAtOnce() throws Exception {
        MemoryPieceInventory inventory = new MemoryPieceInventory();
        int pieces = 4_000;
        int threads = 4;
        inventory.track("big", pieces);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int first = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = first; i < pieces; i += threads) {
                    inventory.markHeld("big", i);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(inventory.held("big")).hasValueSatisfying(b -> assertThat(b.isComplete()).isTrue());
    }
}
