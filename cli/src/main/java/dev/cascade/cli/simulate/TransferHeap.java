package dev.cascade.cli.simulate;

import java.util.Arrays;

/**
 * The running transfers by completion time, each knowing its place: a rate change moves a transfer in place instead of
 * leaving a stale completion behind (a Wi-Fi cell of a hundred devices changes every transfer's rate at each start).
 * Ties complete in the order the transfers started.
 */
final class TransferHeap {

    private Transfer[] heap = new Transfer[1024];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    Transfer first() {
        return heap[0];
    }

    /** Adds {@code transfer} or moves it to its new {@link Transfer#finishAt}. */
    void schedule(Transfer transfer) {
        if (transfer.heapIndex < 0) {
            if (size == heap.length) {
                heap = Arrays.copyOf(heap, size * 2);
            }
            transfer.heapIndex = size;
            heap[size++] = transfer;
            up(transfer.heapIndex);
        } else {
            down(up(transfer.heapIndex));
        }
    }

    Transfer removeFirst() {
        Transfer first = heap[0];
        Transfer last = heap[--size];
        heap[size] = null;
        first.heapIndex = -1;
        if (size > 0) {
            heap[0] = last;
            last.heapIndex = 0;
            down(0);
        }
        return first;
    }

    private static boolean before(Transfer a, Transfer b) {
        return a.finishAt < b.finishAt || (a.finishAt == b.finishAt && a.serial < b.serial);
    }

    private int up(int i) {
        Transfer moving = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(moving, heap[parent])) {
                break;
            }
            place(heap[parent], i);
            i = parent;
        }
        place(moving, i);
        return i;
    }

    private void down(int i) {
        Transfer moving = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], moving)) {
                break;
            }
            place(heap[child], i);
            i = child;
        }
        place(moving, i);
    }

    private void place(Transfer transfer, int i) {
        heap[i] = transfer;
        transfer.heapIndex = i;
    }
}
