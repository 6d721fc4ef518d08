package dev.cascade.wire;

/** Which party a key speaks for. */
public enum KeyPurpose {
    /** Issued to every peer at activation. */
    FLEET,
    /** The server's shared security key, held by the connector. */
    CONNECTOR,
    /** Replies the server sends may be tagged with either family's key. */
    ANY;

    /** True if a key of family {@code keyPurpose} may authenticate a message requiring this family. */
    public boolean permits(KeyPurpose keyPurpose) {
        return this == ANY || this == keyPurpose;
    }
}
