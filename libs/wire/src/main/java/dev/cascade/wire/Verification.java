package dev.cascade.wire;

/** The outcome of checking one received datagram. Never an exception: bad input is a value. */
public sealed interface Verification {

    /** The datagram authenticated, is fresh and was not seen before. */
    record Accepted(Datagram datagram) implements Verification {
    }

    /**
     * The datagram was dropped. {@code header} is present when the header could be parsed
     * (magic, version and length were valid), so that a reply can name the sequence;
     * {@code authenticated} tells whether the tag verified (a reply may then be tagged with the same key).
     */
    record Dropped(DropReason reason, Header header, boolean authenticated) implements Verification {
    }
}
