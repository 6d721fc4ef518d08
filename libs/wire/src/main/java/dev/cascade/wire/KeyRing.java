package dev.cascade.wire;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The keys a receiver accepts, by key id. Replaced atomically as a whole, so a rotation is
 * picked up by every verifying thread at once and without a restart.
 */
public final class KeyRing {

    private final AtomicReference<Map<Long, WireKey>> keys = new AtomicReference<>(Map.of());

    public KeyRing(Collection<WireKey> initial) {
        replaceAll(initial);
    }

    public static KeyRing of(WireKey... keys) {
        return new KeyRing(List.of(keys));
    }

    public void replaceAll(Collection<WireKey> newKeys) {
        Map<Long, WireKey> byId = new HashMap<>();
        for (WireKey key : newKeys) {
            if (byId.putIfAbsent(key.id(), key) != null) {
                throw new IllegalArgumentException("two keys share id " + key.id());
            }
        }
        keys.set(Map.copyOf(byId));
    }

    /** The key with this id if it is still valid at {@code now}. */
    public Optional<WireKey> find(long keyId, Instant now) {
        WireKey key = keys.get().get(keyId);
        return key != null && key.validAt(now) ? Optional.of(key) : Optional.empty();
    }

    /** The current (not retired) key of a family with the highest id: the one a sender signs with. */
    public Optional<WireKey> current(KeyPurpose purpose) {
        return keys.get().values().stream()
                .filter(k -> k.purpose() == purpose && k.notAfter() == null)
                .max((a, b) -> Long.compare(a.id(), b.id()));
    }

    /**
     * The key with this id if it is still valid, or null. Reads the clock only for a retired key: the
     * current keys have no end, and the system clock's {@code instant()} is a slow call on the per-datagram path.
     */
    WireKey findValid(long keyId, Clock clock) {
        WireKey key = keys.get().get(keyId);
        return key != null && (key.notAfter() == null || key.validAt(clock.instant())) ? key : null;
    }

    public Collection<WireKey> all() {
        return keys.get().values();
    }
}
