package dev.cascade.gateway.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.cascade.contracts.v1.RingKey;
import dev.cascade.contracts.v1.WireKeyRing;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;

/**
 * Reads activation-service's {@link WireKeyRing} into wire keys and checks it as a key file is checked
 * ({@link KeySource}): every key well formed, at least one current fleet key, no two keys sharing an id.
 * A ring that fails is refused whole, so a half-written ring never replaces working keys.
 */
public final class WireKeyRingReader {

    private WireKeyRingReader() {
    }

    /** The keys of {@code ring}; throws naming {@code where}, the revision and the key when it is unusable. */
    public static List<WireKey> read(WireKeyRing ring, String where) {
        String context = where + ", key ring revision " + Long.toUnsignedString(ring.getRevision());
        List<WireKey> keys = new ArrayList<>();
        for (int i = 0; i < ring.getKeysCount(); i++) {
            keys.add(key(ring.getKeys(i), context + ", keys[" + i + "]"));
        }
        KeySource.requireCurrentFleetKey(keys, context + " holds no current 'fleet' key: peers could not register");
        KeySource.requireDistinctIds(keys, context);
        return keys;
    }

    private static WireKey key(RingKey key, String where) {
        long id = Integer.toUnsignedLong(key.getId());
        if (id == 0) {
            throw new IllegalArgumentException(where + ": id is 0; expected 1..4294967295");
        }
        KeyPurpose purpose = switch (key.getFamily()) {
            case "fleet" -> KeyPurpose.FLEET;
            case "connector" -> KeyPurpose.CONNECTOR;
            default -> throw new IllegalArgumentException(where + " (key " + id + "): family '" + key.getFamily()
                    + "' is not 'fleet' or 'connector'");
        };
        if (key.getSecret().size() != WireKey.SECRET_SIZE) {
            throw new IllegalArgumentException(where + " (key " + id + "): secret has " + key.getSecret().size()
                    + " bytes; expected " + WireKey.SECRET_SIZE);
        }
        long retiredUntil = key.getRetiredUntilUnixMs();
        if (retiredUntil < 0) {
            throw new IllegalArgumentException(where + " (key " + id + "): retired_until_unix_ms " + retiredUntil
                    + " is negative; expected 0 (current) or the end of the grace period");
        }
        return new WireKey(id, purpose, key.getSecret().toByteArray(),
                retiredUntil == 0 ? null : Instant.ofEpochMilli(retiredUntil));
    }
}
