package dev.cascade.activation.client;

/** licensing-service's answer about a license key, or why there is none. */
public sealed interface LicenseVerdict {

    /** The key may activate the server. */
    record Valid(String customer) implements LicenseVerdict {
    }

    /** Unknown, expired, not yet valid, signing key withdrawn: {@code detail} says which, for the admin. */
    record Invalid(String detail) implements LicenseVerdict {
    }

    /** licensing-service did not answer; {@code detail} says how it failed. */
    record Unavailable(String detail) implements LicenseVerdict {
    }
}
