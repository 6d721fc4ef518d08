package dev.cascade.wire;

import static dev.cascade.wire.PayloadText.quote;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.google.protobuf.ByteString;
import com.google.protobuf.ProtocolMessageEnum;

/**
 * The field checks payloads share. Each returns null when the field is fine, else the
 * {@link DecodedPayload.Malformed} naming it and what was expected. Loops instead of regular
 * expressions and streams: they run for every datagram (docs/benchmarks.md).
 */
final class FieldRules {

    private static final int UUID_TEXT_LENGTH = 36;

    private FieldRules() {
    }

    static DecodedPayload.Malformed malformed(String field, String detail) {
        return new DecodedPayload.Malformed(field, detail);
    }

    /** Text of {@code min..max} characters without control characters. */
    static DecodedPayload.Malformed text(String field, String value, int min, int max) {
        if (value.length() < min || value.length() > max) {
            return malformed(field, value.isEmpty()
                    ? field + " is empty; expected " + min + ".." + max + " characters"
                    : field + " has " + value.length() + " characters; expected " + min + ".." + max);
        }
        if (hasControlCharacter(value)) {
            return malformed(field, field + " " + quote(value) + " contains a control character");
        }
        return null;
    }

    /** A content id: 1..{@link PayloadLimits#MAX_ID_LENGTH} characters, no control characters. */
    static DecodedPayload.Malformed contentId(String field, String value) {
        return text(field, value, 1, PayloadLimits.MAX_ID_LENGTH);
    }

    /** A UUID in its canonical text form, lower case: what {@code UUID.toString()} gives. */
    static DecodedPayload.Malformed uuid(String field, String value) {
        if (!isLowerCaseUuid(value)) {
            return malformed(field, field + " " + quote(value) + " is not a UUID in lower-case text form"
                    + " (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        }
        return null;
    }

    /** Empty, or a UUID as {@link #uuid}. */
    static DecodedPayload.Malformed optionalUuid(String field, String value) {
        return value.isEmpty() ? null : uuid(field, value);
    }

    /** Every element a UUID as {@link #uuid}, at most {@code max}, no two the same. */
    static DecodedPayload.Malformed uuidList(String field, List<String> values, int max) {
        if (values.size() > max) {
            return malformed(field, field + " has " + values.size() + " entries; at most " + max + " allowed");
        }
        for (int i = 0; i < values.size(); i++) {
            DecodedPayload.Malformed bad = uuid(field, values.get(i));
            if (bad != null) {
                return malformed(field, field + "[" + i + "]" + bad.detail().substring(field.length()));
            }
        }
        int duplicate = firstDuplicate(values);
        return duplicate < 0 ? null : malformed(field, field + "[" + duplicate + "] " + quote(values.get(duplicate))
                + " is listed twice");
    }

    static boolean isLowerCaseUuid(String text) {
        if (text.length() != UUID_TEXT_LENGTH) {
            return false;
        }
        for (int i = 0; i < UUID_TEXT_LENGTH; i++) {
            char c = text.charAt(i);
            boolean ok = i == 8 || i == 13 || i == 18 || i == 23 ? c == '-' : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** An IP address literal and a prefix length that fits its family (Register, Heartbeat). */
    static DecodedPayload.Malformed ipAndPrefix(String ip, int prefixLength) {
        if (ip.isEmpty()) {
            return malformed("ip_address", "ip_address is empty; expected an IPv4 or IPv6 address literal");
        }
        boolean ipv4 = IpLiteralSyntax.isIpv4(ip);
        if (!ipv4 && !IpLiteralSyntax.isIpv6(ip)) {
            return malformed("ip_address", "ip_address " + quote(ip) + " is not an IPv4 or IPv6 address literal");
        }
        int maxPrefix = ipv4 ? 32 : 128;
        if (Integer.toUnsignedLong(prefixLength) > maxPrefix) {
            return malformed("prefix_length", "prefix_length " + Integer.toUnsignedString(prefixLength) + " exceeds "
                    + maxPrefix + " for the " + (ipv4 ? "IPv4" : "IPv6") + " address " + ip);
        }
        return null;
    }

    /** MAJOR.MINOR.PATCH (see {@link PayloadDecoder#isSemanticVersion}). */
    static DecodedPayload.Malformed clientVersion(String value) {
        return PayloadDecoder.isSemanticVersion(value) ? null
                : malformed("client_version", "client_version " + quote(value) + " is not MAJOR.MINOR.PATCH");
    }

    /** Milliseconds since the epoch in 0..{@link PayloadLimits#MAX_TIMESTAMP_MS}. */
    static DecodedPayload.Malformed timestamp(String field, long millis) {
        if (millis < 0 || millis > PayloadLimits.MAX_TIMESTAMP_MS) {
            return malformed(field, field + " " + millis + " is outside 0.." + PayloadLimits.MAX_TIMESTAMP_MS
                    + " (milliseconds since 1970-01-01T00:00:00Z)");
        }
        return null;
    }

    /** An enum value this version knows and, when {@code required}, not the UNSPECIFIED (0) value. */
    static DecodedPayload.Malformed enumValue(String field, ProtocolMessageEnum value, boolean required) {
        int number;
        try {
            number = value.getNumber();
        } catch (IllegalArgumentException e) {
            return malformed(field, field + " has a value this version does not know");
        }
        if (required && number == 0) {
            return malformed(field, field + " is unspecified; expected one of its named values");
        }
        return null;
    }

    /**
     * A piece bitmap of exactly ceil(count / 8) bytes, least significant bit first, no bit set at or above
     * {@code count}.
     */
    static DecodedPayload.Malformed bitmap(String field, ByteString bitmap, long count) {
        long expected = (count + 7) / 8;
        if (bitmap.size() != expected) {
            return malformed(field, field + " has " + bitmap.size() + " bytes; " + count + " pieces need exactly "
                    + expected);
        }
        int tailBits = (int) (count % 8);
        if (tailBits != 0 && (bitmap.byteAt(bitmap.size() - 1) & 0xFF) >>> tailBits != 0) {
            return malformed(field, field + " marks a piece at or above piece_count " + count);
        }
        return null;
    }

    /** Pieces marked in a bitmap checked by {@link #bitmap}. */
    static long bitCount(ByteString bitmap) {
        long bits = 0;
        for (int i = 0; i < bitmap.size(); i++) {
            bits += Integer.bitCount(bitmap.byteAt(i) & 0xFF);
        }
        return bits;
    }

    /**
     * The index of the first value equal to an earlier one, or -1. Small lists are compared pairwise: no
     * allocation for what most reports carry.
     */
    static int firstDuplicate(List<String> values) {
        int size = values.size();
        if (size <= 16) {
            for (int i = 1; i < size; i++) {
                for (int j = 0; j < i; j++) {
                    if (values.get(i).equals(values.get(j))) {
                        return i;
                    }
                }
            }
            return -1;
        }
        Set<String> seen = new HashSet<>(size * 2);
        for (int i = 0; i < size; i++) {
            if (!seen.add(values.get(i))) {
                return i;
            }
        }
        return -1;
    }

    static boolean hasControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
