package dev.cascade.gateway.registration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Parses an IPv4 or IPv6 address literal. Never resolves a name: text that is not a literal is
 * refused before {@link InetAddress} sees it (InetAddress would otherwise ask DNS, letting a peer
 * make the gateway send queries of its choosing).
 */
public record IpLiteral(InetAddress address, boolean ipv6) {

    private static final int MAX_IPV6_TEXT = 45; // "ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255"

    public int maxPrefixLength() {
        return ipv6 ? 128 : 32;
    }

    public static Optional<IpLiteral> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        return text.indexOf(':') >= 0 ? parseIpv6(text) : parseIpv4(text);
    }

    /** Four decimal parts 0..255 without leading zeros (read as octal elsewhere); one pass, no regex. */
    private static Optional<IpLiteral> parseIpv4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (digits == 0 || part == 3) {
                    return Optional.empty();
                }
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    return Optional.empty(); // a leading zero
                }
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return Optional.empty();
                }
            } else {
                return Optional.empty();
            }
        }
        if (digits == 0 || part != 3) {
            return Optional.empty();
        }
        bytes[3] = (byte) value;
        try {
            return Optional.of(new IpLiteral(InetAddress.getByAddress(bytes), false));
        } catch (UnknownHostException e) {
            return Optional.empty(); // not reachable: four bytes are always a valid IPv4 address
        }
    }

    private static Optional<IpLiteral> parseIpv6(String text) {
        // Only hex digits, ':' and '.' (embedded IPv4), starting with a hex digit or ':': InetAddress
        // then takes its literal path and throws instead of falling back to a DNS lookup.
        if (text.length() > MAX_IPV6_TEXT || !text.chars().allMatch(IpLiteral::ipv6Char) || text.charAt(0) == '.') {
            return Optional.empty();
        }
        try {
            return Optional.of(new IpLiteral(InetAddress.getByName(text), true));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean ipv6Char(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' || c == '.';
    }
}
