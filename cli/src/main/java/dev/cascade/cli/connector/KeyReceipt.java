package dev.cascade.cli.connector;

import java.time.Instant;

import dev.cascade.contracts.v1.WrappedKey;
import dev.cascade.wire.WireKey;

/**
 * Saves a shared key the server sent (ACTIVATION_RESULT, KEY_ROTATION_RESULT; protocol.md §16.2, §16.3) and says so:
 * the key is unwrapped with the key that signed the request and written to the key file before anything is printed,
 * because the server shows it this once.
 */
final class KeyReceipt {

    private KeyReceipt() {
    }

    /** Installs the key and returns "shared key 7 (fingerprint …) saved to FILE; previous key 2 valid until …". */
    static String save(ConnectorKeys keys, WrappedKey wrapped, WireKey requestKey, long previousValidUntilMillis) {
        Instant now = Instant.now();
        Instant until = Instant.ofEpochMilli(previousValidUntilMillis);
        WireKey fresh = keys.install(wrapped, requestKey, until, now);
        String previous = fresh.id() == requestKey.id() ? "" : until.isAfter(now)
                ? "; previous key " + requestKey.id() + " valid until " + until
                : "; previous key " + requestKey.id() + " no longer valid (dropped)";
        return "shared key " + fresh.id() + " (fingerprint " + ConnectorKeys.fingerprint(fresh) + ") saved to "
                + keys.file() + previous;
    }
}
