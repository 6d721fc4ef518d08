package dev.cascade.activation.keys;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;

/**
 * Which keys of the ring go into the key file. {@code libs/wire}'s KeyFile reads one current and one
 * retired key per family, so of several retired keys of a family still in their grace period the file
 * holds the one whose grace ends last: a sender that rotated twice within one grace period is still
 * verified with its newest old key; the older one is kept in the ring (gRPC GetKeyRing has it).
 */
public final class KeyFileContent {

    /** @param omitted retired keys still valid that the file cannot hold */
    public record Selection(List<WireKey> keys, List<StoredKey> omitted) {
    }

    private KeyFileContent() {
    }

    public static Selection select(List<StoredKey> ring, Instant now) {
        List<WireKey> keys = new ArrayList<>();
        List<StoredKey> omitted = new ArrayList<>();
        for (KeyPurpose family : List.of(KeyPurpose.FLEET, KeyPurpose.CONNECTOR)) {
            ring.stream().filter(k -> k.family() == family && k.current()).max(Comparator.comparingLong(StoredKey::id))
                    .ifPresent(k -> keys.add(k.toWireKey()));
            List<StoredKey> retired = ring.stream().filter(k -> k.family() == family && !k.current() && k.validAt(now))
                    .sorted(Comparator.comparing(StoredKey::retiredUntil).thenComparingLong(StoredKey::id)).toList();
            Optional<StoredKey> last = retired.isEmpty() ? Optional.empty() : Optional.of(retired.get(retired.size() - 1));
            last.ifPresent(k -> keys.add(k.toWireKey()));
            retired.stream().filter(k -> last.isPresent() && k.id() != last.get().id()).forEach(omitted::add);
        }
        return new Selection(List.copyOf(keys), List.copyOf(omitted));
    }
}
