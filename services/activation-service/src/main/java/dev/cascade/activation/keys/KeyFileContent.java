package dev.cascade.activation.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;

/**
 * Which keys of the ring go into the key file: the current key of each family and every retired key
 * still in its grace period (a sender that rotated twice within one grace period stays verified with
 * either old key). Retired keys whose grace ended are left out.
 */
public final class KeyFileContent {

    private KeyFileContent() {
    }

    public static List<WireKey> select(List<StoredKey> ring, Instant now) {
        List<WireKey> keys = new ArrayList<>();
        for (KeyPurpose family : List.of(KeyPurpose.FLEET, KeyPurpose.CONNECTOR)) {
            ring.stream().filter(k -> k.family() == family && k.current()).max(Comparator.comparingLong(StoredKey::id))
                    .ifPresent(k -> keys.add(k.toWireKey()));
            ring.stream().filter(k -> k.family() == family && !k.current() && k.validAt(now))
                    .sorted(Comparator.comparing(StoredKey::retiredUntil).thenComparingLong(StoredKey::id))
                    .forEach(k -> keys.add(k.toWireKey()));
        }
        return List.copyOf(keys);
    }
}
