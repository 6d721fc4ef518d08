package dev.cascade.gateway.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import dev.cascade.wire.IpLiteralSyntax;

/**
 * Parses an IPv4 or IPv6 address literal. Never resolves a name: text that is not a literal is
 * refused before {@link InetAddress} sees it (InetAddress would otherwise ask DNS, letting a peer
 * make the gateway send queries of its choosing).
 */
public record IpLiteral(InetAddress address, boolean ipv6) {

    public int maxPrefixLength() {
        return ipv6 ? 128 : 32;
    }

    public static Optional<IpLiteral> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        // the wire library's syntax check first: InetAddress then takes its literal path and never asks DNS
        boolean ipv4 = IpLiteralSyntax.isIpv4(text);
        if (!ipv4 && !IpLiteralSyntax.isIpv6(text)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new IpLiteral(InetAddress.getByName(text), !ipv4));
        } catch (UnknownHostException e) {
            return Optional.empty(); // not reachable for a literal that passed the syntax check
        }
    }
}
