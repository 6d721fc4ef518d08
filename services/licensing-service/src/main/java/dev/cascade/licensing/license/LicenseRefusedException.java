package dev.cascade.licensing.license;

/** A license file that cannot be imported, with the reason and a sentence naming what is wrong. */
public class LicenseRefusedException extends RuntimeException {

    private final LicenseRefusal reason;

    public LicenseRefusedException(LicenseRefusal reason, String message) {
        super(message);
        this.reason = reason;
    }

    public LicenseRefusal reason() {
        return reason;
    }

    static LicenseRefusedException malformed(String message) {
        return new LicenseRefusedException(LicenseRefusal.MALFORMED, message);
    }
}
