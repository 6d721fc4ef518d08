package dev.cascade.topology.planner;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;

/**
 * The subnet of an address at a prefix length: who shares a multicast domain with the requester.
 * Parses text without DNS; an address that does not parse belongs to no subnet.
 */
final class Subnet {

    private final IPAddress block;

    private Subnet(IPAddress block) {
        this.block = block;
    }

    /** The subnet of {@code ip}; null when {@code ip} is not an IPv4 or IPv6 address. */
    static Subnet of(String ip, int ipv4Prefix, int ipv6Prefix) {
        IPAddress address = parse(ip);
        if (address == null) {
            return null;
        }
        return new Subnet(address.toPrefixBlock(address.isIPv4() ? ipv4Prefix : ipv6Prefix));
    }

    boolean contains(String ip) {
        IPAddress address = parse(ip);
        return address != null && address.getIPVersion() == block.getIPVersion() && block.contains(address);
    }

    @Override
    public String toString() {
        return block.toCanonicalString();
    }

    private static IPAddress parse(String ip) {
        return ip == null || ip.isBlank() ? null : new IPAddressString(ip.strip()).getAddress();
    }
}
