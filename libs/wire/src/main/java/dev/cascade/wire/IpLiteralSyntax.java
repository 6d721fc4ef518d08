package dev.cascade.wire;

/**
 * Recognises IP address literals in the text of a payload field, without allocating and without ever
 * resolving a name.
 *
 * <p>IPv4: four decimal numbers 0..255 separated by dots, without leading zeros ({@code 010.0.0.1} is
 * refused: some parsers read it as octal).
 *
 * <p>IPv6: what {@link java.net.InetAddress} accepts as an IPv6 literal (inet_pton rules), restricted to at
 * most 45 characters of hex digits, {@code ':'} and {@code '.'} that do not start with {@code '.'}: eight
 * groups of hex digits, or fewer with one {@code "::"}; a group may carry leading zeros as long as its value
 * fits 16 bits; the last 32 bits may be written as a dotted IPv4 address, whose numbers may have leading
 * zeros. No zone id ({@code %eth0}), no brackets. IPv4-mapped addresses ({@code ::ffff:10.0.0.1}) count as IPv6.
 */
public final class IpLiteralSyntax {

    private static final int MAX_IPV6_TEXT = 45; // "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"
    private static final int IPV6_BYTES = 16;

    private IpLiteralSyntax() {
    }

    public static boolean isIpv4(String text) {
        int length = text.length();
        int position = 0;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (position == length || text.charAt(position) != '.') {
                    return false;
                }
                position++;
            }
            int start = position;
            int value = 0;
            while (position < length && position - start < 3 && isDecimal(text.charAt(position))) {
                value = value * 10 + text.charAt(position) - '0';
                position++;
            }
            int digits = position - start;
            if (digits == 0 || value > 255 || (digits > 1 && text.charAt(start) == '0')) {
                return false;
            }
        }
        return position == length;
    }

    public static boolean isIpv6(String text) {
        int length = text.length();
        if (length < 2 || length > MAX_IPV6_TEXT || text.charAt(0) == '.' || !onlyIpv6Characters(text)) {
            return false;
        }
        // inet_pton6: count the address bytes the groups fill; "::" stands for the bytes left over
        int position = 0;
        if (text.charAt(0) == ':' && text.charAt(++position) != ':') {
            return false;
        }
        int bytes = 0;
        int doubleColonAt = -1;
        int groupStart = position;
        boolean inGroup = false;
        int value = 0;
        while (position < length) {
            char c = text.charAt(position++);
            int digit = hexValue(c);
            if (digit >= 0) {
                value = (value << 4) | digit;
                if (value > 0xFFFF) {
                    return false;
                }
                inGroup = true;
            } else if (c == ':') {
                groupStart = position;
                if (!inGroup) {
                    if (doubleColonAt >= 0) {
                        return false;
                    }
                    doubleColonAt = bytes;
                } else if (position == length || bytes + 2 > IPV6_BYTES) {
                    return false;
                } else {
                    bytes += 2;
                    inGroup = false;
                    value = 0;
                }
            } else { // '.': the rest of the text, from the current group on, is a dotted IPv4 address
                if (bytes + 4 > IPV6_BYTES || !isEmbeddedIpv4(text, groupStart, length)) {
                    return false;
                }
                bytes += 4;
                inGroup = false;
                break;
            }
        }
        if (inGroup) {
            if (bytes + 2 > IPV6_BYTES) {
                return false;
            }
            bytes += 2;
        }
        if (doubleColonAt >= 0) {
            return bytes < IPV6_BYTES; // "::" must stand for at least one group
        }
        return bytes == IPV6_BYTES;
    }

    /** Four decimal numbers 0..255 in {@code text[from..to)}, leading zeros allowed, at most 15 characters. */
    private static boolean isEmbeddedIpv4(String text, int from, int to) {
        if (to - from < 1 || to - from > 15) {
            return false;
        }
        int dots = 0;
        int digits = 0;
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (digits == 0 || ++dots > 3) {
                    return false;
                }
                digits = 0;
                value = 0;
            } else if (isDecimal(c)) {
                value = value * 10 + c - '0';
                if (value > 255) {
                    return false;
                }
                digits++;
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }

    private static boolean onlyIpv6Characters(String text) {
        boolean colon = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ':') {
                colon = true;
            } else if (c != '.' && hexValue(c) < 0) {
                return false;
            }
        }
        return colon;
    }

    private static boolean isDecimal(char c) {
        return c >= '0' && c <= '9';
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
