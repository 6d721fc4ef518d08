package dev.cascade.licensing.license;

/** Why a license file was refused; the REST API names it in {@code reason}. */
public enum LicenseRefusal {
    /** Not a license file: not JSON, a field missing, of the wrong type or out of range (the message names it). */
    MALFORMED,
    /** Signed by a key that is not among {@code cascade.licensing.trusted-keys}. */
    UNKNOWN_SIGNING_KEY,
    /** The signature does not match the content: the file was changed after it was issued. */
    TAMPERED,
    /** {@code valid_from} is still ahead. */
    NOT_YET_VALID,
    /** {@code valid_until} has passed. */
    EXPIRED
}
