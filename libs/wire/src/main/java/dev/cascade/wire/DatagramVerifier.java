package dev.cascade.wire;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Checks one received datagram in order of cost: length and magic, protocol version, key id,
 * HMAC tag, timestamp skew, then the replay window. Only a datagram that passed the tag can
 * touch the replay window, so forged datagrams cannot push a sender's window forward.
 * Bad input is returned as {@link Verification.Dropped}; nothing here throws on bad bytes.
 */
public final class DatagramVerifier {

    private final KeyRing keys;
    private final ReplayGuard replayGuard;
    private final long maxSkewMillis;
    private final Clock clock;
    private final EnumSet<MessageType> acceptedTypes;

    public DatagramVerifier(KeyRing keys, ReplayGuard replayGuard, Duration maxSkew, Clock clock,
                            Set<MessageType> acceptedTypes) {
        this.keys = keys;
        this.replayGuard = replayGuard;
        this.maxSkewMillis = maxSkew.getSeconds() >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : maxSkew.toMillis();
        this.clock = clock;
        this.acceptedTypes = EnumSet.noneOf(MessageType.class); // a bit test per datagram, not a hash probe
        this.acceptedTypes.addAll(acceptedTypes);
    }

    public Verification verify(byte[] data, int length) {
        Verification parsed = DatagramCodec.parseHeader(data, length);
        if (parsed instanceof Verification.Dropped) {
            return parsed;
        }
        Header header = ((Verification.Accepted) parsed).datagram().header();
        Optional<MessageType> type = MessageType.fromCode(header.typeCode());
        long nowMillis = clock.millis(); // the system clock's millis() costs a fraction of its instant()
        WireKey key = keys.findValid(header.keyId(), clock);
        if (key == null) {
            return new Verification.Dropped(DropReason.UNKNOWN_KEY, header, false);
        }
        int signedLength = Header.SIZE + header.payloadLength();
        if (!Hmac.verify(key, data, 0, signedLength, data, signedLength)) {
            return new Verification.Dropped(DropReason.BAD_TAG, header, false);
        }
        if (type.isEmpty() || !acceptedTypes.contains(type.get())) {
            return new Verification.Dropped(DropReason.UNKNOWN_TYPE, header, true);
        }
        if (!type.get().requiredPurpose().permits(key.purpose())) {
            return new Verification.Dropped(DropReason.UNKNOWN_KEY, header, false);
        }
        long skew = Math.abs(nowMillis - header.timestampMillis());
        if (skew > maxSkewMillis) {
            return new Verification.Dropped(DropReason.STALE_TIMESTAMP, header, true);
        }
        if (!replayGuard.accept(header.senderId(), header.sequence())) {
            return new Verification.Dropped(DropReason.REPLAY, header, true);
        }
        byte[] payload = new byte[header.payloadLength()];
        System.arraycopy(data, Header.SIZE, payload, 0, payload.length);
        return new Verification.Accepted(new Datagram(header, type.get(), payload), key);
    }

    /** The key with {@code header}'s key id, to tag a reply to a datagram dropped after its tag verified. */
    public Optional<WireKey> keyOf(Header header) {
        return keys.find(header.keyId(), clock.instant());
    }
}
