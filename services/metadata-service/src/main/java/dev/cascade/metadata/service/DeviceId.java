package dev.cascade.metadata.service;

import java.util.Locale;
import java.util.UUID;

/** Device ids are UUIDs (the datagram header's sender id), stored in their canonical lower-case form. */
public final class DeviceId {

    private DeviceId() {
    }

    /**
     * The canonical form of {@code text}.
     *
     * @throws IllegalArgumentException naming the text when it is not a UUID in 8-4-4-4-12 hex form
     */
    public static String canonical(String text) {
        if (text == null || text.length() != 36) {
            throw notAUuid(text);
        }
        try {
            String canonical = UUID.fromString(text).toString();
            if (!canonical.equals(text.toLowerCase(Locale.ROOT))) {
                throw notAUuid(text);
            }
            return canonical;
        } catch (IllegalArgumentException e) {
            throw notAUuid(text);
        }
    }

    private static IllegalArgumentException notAUuid(String text) {
        return new IllegalArgumentException("'" + text + "' is not a device id (a UUID such as 1b4e28ba-2fa1-11d2-883f-0016d3cca427)");
    }
}
