package dev.cascade.agent.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UploadSlotsTest {

    @Test
    void isBusyExactlyWhileEverySlotIsTaken() {
        UploadSlots slots = new UploadSlots(2);

        assertThat(slots.busy()).isFalse();
        assertThat(slots.tryAcquire()).isTrue();
        assertThat(slots.busy()).isFalse();
        assertThat(slots.tryAcquire()).isTrue();
        assertThat(slots.busy()).isTrue();
        assertThat(slots.tryAcquire()).isFalse();
        assertThat(slots.inUse()).isEqualTo(2);

        slots.release();

        assertThat(slots.busy()).isFalse();
    }

    @Test
    void noSlotsMeansAlwaysBusy() {
        UploadSlots none = new UploadSlots(0);

        assertThat(none.busy()).isTrue();
        assertThat(none.tryAcquire()).isFalse();
    }

    @Test
    void refusesAReleaseWithoutAnAcquire() {
        UploadSlots slots = new UploadSlots(1);

        assertThatThrownBy(slots::release).hasMessage("an upload slot was released that was not taken");
        assertThat(slots.inUse()).isZero();
        assertThatThrownBy(() -> new UploadSlots(-1)).hasMessage("upload slots must not be negative, was -1");
    }
}
