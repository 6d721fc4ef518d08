package dev.cascade.cli.simulate;

import java.util.Arrays;

/**
 * The receivers waiting for one source to gain a piece or free an upload slot, each with the epoch it registered in: an
 * entry whose receiver has moved on (started a transfer, ended its round) is stale and dropped when met.
 */
final class WaiterList {

    private FleetDevice[] devices = new FleetDevice[4];
    private int[] epochs = new int[4];
    private int size;
    private int compactAt = 64;
    /** While a source wakes its waiters, indices must hold: no compaction. */
    boolean waking;

    void add(FleetDevice device, int epoch) {
        if (size == devices.length) {
            devices = Arrays.copyOf(devices, size * 2);
            epochs = Arrays.copyOf(epochs, size * 2);
        }
        devices[size] = device;
        epochs[size] = epoch;
        size++;
        if (size >= compactAt && !waking) {
            compact();
            compactAt = Math.max(64, size * 2);
        }
    }

    int size() {
        return size;
    }

    /** The waiter at {@code i}, or null when that entry is stale. */
    FleetDevice live(int i) {
        FleetDevice device = devices[i];
        return device.epoch == epochs[i] && device.round != null ? device : null;
    }

    /** Drops stale entries, keeping the order of the others. */
    void compact() {
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (live(i) != null) {
                devices[kept] = devices[i];
                epochs[kept] = epochs[i];
                kept++;
            }
        }
        Arrays.fill(devices, kept, size, null);
        size = kept;
    }
}
