package dev.cascade.activation.rest;

import java.time.Instant;
import java.util.List;

/** One page of known clients, in device id order. */
public record ClientPage(List<Client> items, int page, int size, long total, long currentFleetKeyId) {

    /**
     * @param keyId          the fleet key of its last report (0: not known)
     * @param onCurrentKey   whether that is the current fleet key
     * @param activationSentAt when CLIENT_ACTIVATION was last sent to it (null: never)
     */
    public record Client(String deviceId, String ip, long keyId, boolean onCurrentKey, Instant lastSeenAt, Instant activationSentAt) {
    }
}
