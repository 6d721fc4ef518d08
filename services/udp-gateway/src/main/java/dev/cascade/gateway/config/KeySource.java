package dev.cascade.gateway.config;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.cascade.wire.KeyFile;
import dev.cascade.wire.KeyPurpose;
import dev.cascade.wire.WireKey;

/**
 * Chooses the gateway's one key source, reads keys from a key file or the key properties and checks them: at least one current fleet key
 * (without it no peer can register), every key well formed, no two keys sharing an id.
 * Every error names the property it comes from.
 */
public final class KeySource {

    public static final String FILE_PROPERTY = "cascade.keys.file";
    public static final String FLEET_PROPERTY = "cascade.keys.fleet";
    public static final String CONNECTOR_PROPERTY = "cascade.keys.connector";
    public static final String ACTIVATION_SERVICE_PROPERTY = "cascade.keys.activation-service";

    /** The three places keys can come from; a gateway uses exactly one. */
    public enum Kind { FILE, PROPERTIES, ACTIVATION_SERVICE }

    private KeySource() {
    }

    /**
     * Which source is configured. Throws naming every configured one when there are several (which one wins
     * would be a guess, and a gateway verifying with other keys than its operator thinks drops everything),
     * and naming all three when there is none.
     */
    public static Kind choose(Optional<Path> file, Optional<String> fleet, Optional<String> connector,
                              Optional<String> activationService) {
        List<String> configured = new ArrayList<>();
        List<Kind> kinds = new ArrayList<>();
        file.ifPresent(path -> {
            configured.add(FILE_PROPERTY + "=" + path);
            kinds.add(Kind.FILE);
        });
        if (isSet(fleet) || isSet(connector)) {
            configured.add(isSet(fleet) ? FLEET_PROPERTY : CONNECTOR_PROPERTY);
            kinds.add(Kind.PROPERTIES);
        }
        if (isSet(activationService)) {
            configured.add(ACTIVATION_SERVICE_PROPERTY + "=" + activationService.get().trim());
            kinds.add(Kind.ACTIVATION_SERVICE);
        }
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no key source configured: set exactly one of " + FILE_PROPERTY
                    + " (a key file), " + FLEET_PROPERTY + " (with " + CONNECTOR_PROPERTY + "; <id>:<base64 of 32 bytes>"
                    + " lists) or " + ACTIVATION_SERVICE_PROPERTY + " (host:port of activation-service's gRPC API)");
        }
        if (kinds.size() > 1) {
            throw new IllegalArgumentException("keys are configured from " + kinds.size() + " sources ("
                    + String.join(", ", configured) + "); expected exactly one of " + FILE_PROPERTY + ", "
                    + FLEET_PROPERTY + "/" + CONNECTOR_PROPERTY + " or " + ACTIVATION_SERVICE_PROPERTY);
        }
        return kinds.get(0);
    }

    private static boolean isSet(Optional<String> value) {
        return value.isPresent() && !value.get().isBlank();
    }

    public static List<WireKey> fromFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(FILE_PROPERTY + "=" + file + ": no such file; expected a key file"
                    + " (fleet=<id>:<base64>, connector=<id>:<base64>)");
        }
        List<WireKey> keys;
        try {
            keys = KeyFile.read(file);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            String message = e.getMessage();
            String fileFirst = file + ": ";
            throw new IllegalArgumentException(FILE_PROPERTY + "=" + file + ": "
                    + (message.startsWith(fileFirst) ? message.substring(fileFirst.length()) : message), e);
        }
        String where = FILE_PROPERTY + "=" + file;
        requireCurrentFleetKey(keys, where + " holds no current 'fleet' key: peers could not register");
        requireDistinctIds(keys, where);
        return keys;
    }

    public static List<WireKey> fromProperties(Optional<String> fleet, Optional<String> connector) {
        if (fleet.isEmpty() || fleet.get().isBlank()) {
            throw new IllegalArgumentException("no fleet key configured: set " + FILE_PROPERTY
                    + " (a key file) or " + FLEET_PROPERTY + " (<id>:<base64 of 32 bytes>, comma-separated)");
        }
        List<WireKey> keys = new ArrayList<>(parseList(FLEET_PROPERTY, fleet.get(), KeyPurpose.FLEET));
        connector.filter(text -> !text.isBlank())
                .ifPresent(text -> keys.addAll(parseList(CONNECTOR_PROPERTY, text, KeyPurpose.CONNECTOR)));
        requireDistinctIds(keys, FLEET_PROPERTY + "/" + CONNECTOR_PROPERTY);
        return keys;
    }

    private static List<WireKey> parseList(String property, String text, KeyPurpose purpose) {
        List<WireKey> keys = new ArrayList<>();
        String[] items = text.split(",", -1);
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            if (item.isEmpty()) {
                throw new IllegalArgumentException(property + ": entry " + (i + 1) + " is empty");
            }
            try {
                keys.add(WireKey.parse(item, purpose));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(property + ": entry " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return keys;
    }

    static void requireCurrentFleetKey(List<WireKey> keys, String message) {
        if (keys.stream().noneMatch(k -> k.purpose() == KeyPurpose.FLEET && k.notAfter() == null)) {
            throw new IllegalArgumentException(message);
        }
    }

    static void requireDistinctIds(List<WireKey> keys, String where) {
        Set<Long> ids = new HashSet<>();
        for (WireKey key : keys) {
            if (!ids.add(key.id())) {
                throw new IllegalArgumentException(where + ": two keys share id " + key.id()
                        + "; a key id must name one key");
            }
        }
    }
}
