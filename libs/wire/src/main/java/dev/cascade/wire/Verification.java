package dev.cascade.wire;

/** The outcome of checking one received datagram. Never an exception: bad input is a value. */
public sealed interface Verification {

    /**
     * The datagram authenticated, is fresh and was not seen before; {@code key} is the key that verified
     * it (to tag replies with), kept here so a rotation between check and reply cannot lose it.
     */
    record Accepted(Datagram datagram, WireKey key) implements Verification {
    }

    /**
     * The datagram was dropped. {@code header} is present when the header could be parsed
     * (magic, version and length were valid), so that a reply can name the sequence;
     * {@code authenticated} tells whether the tag verified (a reply may then be tagged with the same key).
     */
    record Dropped(DropReason reason, Header header, boolean authenticated) implements Verification {
    }
}
