package dev.cascade.agent.discovery;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

import inet.ipaddr.ipv4.IPv4Address;

/**
 * An interface's IPv4 address with its prefix length: the subnet it lies in and that subnet's
 * directed broadcast address (every host bit set). IPv6 has no broadcast, so discovery has no
 * IPv6 counterpart (docs/protocol.md §12).
 *
 * @param address the interface's own address
 * @param prefixLength 0..32
 */
public record Ipv4Subnet(Inet4Address address, int prefixLength) {

    public Ipv4Subnet {
        if (address == null) {
            throw new IllegalArgumentException("a subnet needs an address");
        }
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is outside 0..32 for IPv4 address "
                    + address.getHostAddress());
        }
    }

    /** The subnet of {@code address}/{@code prefixLength}; rejects anything but an IPv4 address. */
    public static Ipv4Subnet of(InetAddress address, int prefixLength) {
        if (!(address instanceof Inet4Address v4)) {
            throw new IllegalArgumentException(address.getHostAddress() + " is not an IPv4 address: IPv6 has no broadcast,"
                    + " so broadcast discovery works on IPv4 subnets only");
        }
        return new Ipv4Subnet(v4, prefixLength);
    }

    /** The network address, e.g. 10.9.1.0 for 10.9.1.2/24. */
    public Inet4Address network() {
        return block().getLower().toInetAddress();
    }

    /**
     * The directed broadcast address, e.g. 10.9.1.255 for 10.9.1.2/24. A /31 (RFC 3021 point-to-point)
     * or /32 has none: every address of it is a host.
     */
    public Optional<Inet4Address> broadcast() {
        if (prefixLength >= 31) {
            return Optional.empty();
        }
        return Optional.of(block().getUpper().toInetAddress());
    }

    public boolean contains(InetAddress candidate) {
        return candidate instanceof Inet4Address v4 && block().contains(new IPv4Address(v4));
    }

    /** Every address of the subnet, as a prefix block. */
    private IPv4Address block() {
        return new IPv4Address(address).toPrefixBlock(prefixLength);
    }

    /** The subnet as people write it: network/prefix, e.g. 10.9.1.0/24. */
    @Override
    public String toString() {
        return network().getHostAddress() + "/" + prefixLength;
    }
}
