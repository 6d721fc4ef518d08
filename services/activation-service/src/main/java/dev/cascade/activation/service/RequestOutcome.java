package dev.cascade.activation.service;

import java.util.Locale;

/** How a connector request was answered: the {@code outcome} tag of {@code cascade_activation_requests_total}. */
public enum RequestOutcome {
    /** ACTIVATE: activated, new keys. */
    ACTIVATED,
    /** ACTIVATE repeated with the license key already in use: no new key. */
    ALREADY_ACTIVATED,
    /** ACTIVATE with a license key licensing-service does not accept. */
    REFUSED,
    /** ACTIVATE while licensing-service did not answer. */
    LICENSING_UNAVAILABLE,
    /** The request was authenticated with a key activation-service does not hold (any type). */
    UNKNOWN_KEY,
    /** KEY_ROTATION_REQUEST before activation. */
    NOT_ACTIVATED,
    /** KEY_ROTATION_REQUEST: a new shared key. */
    ROTATED,
    /** STATUS_REQUEST answered. */
    ANSWERED,
    /** The event id was handled before: nothing sent. */
    DUPLICATE;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
