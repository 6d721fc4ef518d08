package dev.cascade.licensing.seat;

/** Why a seat was given back. */
public enum ReleaseReason {
    /** An admin released it (the client was uninstalled or the device retired by hand): {@code DELETE /seats/{deviceId}}. */
    RELEASED,
    /** Nothing was heard from the client for longer than {@code cascade.licensing.retire-after}. */
    RETIRED
}
