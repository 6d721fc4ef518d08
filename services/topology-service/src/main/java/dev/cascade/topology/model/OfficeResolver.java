package dev.cascade.topology.model;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.format.util.AssociativeAddressTrie;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;

/**
 * Which office an IP address belongs to. Each office range (first..last, CIDR-aligned or not) is
 * split into its prefix blocks; a lookup takes the longest matching block, so the most specific
 * range wins where ranges nest. An address no range holds belongs to the central office.
 * Immutable: rebuilt whenever the topology changes.
 */
public final class OfficeResolver {

    /** Exactly one address in text form: no host names (never a DNS lookup), prefixes, masks or wildcards. */
    private static final IPAddressStringParameters SINGLE_ADDRESS = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowPrefix(false).allowMask(false).allowAll(false).allowSingleSegment(false)
            .allowWildcardedSeparator(false).allow_inet_aton(false)
            .toParams();

    private final String centralOfficeId;
    private final IPv4AddressAssociativeTrie<Block> ipv4 = new IPv4AddressAssociativeTrie<>();
    private final IPv6AddressAssociativeTrie<Block> ipv6 = new IPv6AddressAssociativeTrie<>();
    private final int rangeCount;

    /**
     * A range of one office.
     *
     * @param label how the range is shown in a resolution's reason: its CIDR, or "first-last"
     */
    public record Range(String officeId, String firstAddress, String lastAddress, String label) {

        public Range {
            Objects.requireNonNull(officeId, "officeId");
        }

        public static Range of(String officeId, String firstAddress, String lastAddress, String cidr) {
            String label = cidr != null && !cidr.isBlank() ? cidr : firstAddress + "-" + lastAddress;
            return new Range(officeId, firstAddress, lastAddress, label);
        }
    }

    /**
     * The answer for one address.
     *
     * @param range the matched range, or null when no range holds the address (central office)
     */
    public record Match(String address, String officeId, Range range) {

        public boolean matched() {
            return range != null;
        }
    }

    /** A prefix block of a range; where two ranges share a block, the smaller range is the more specific. */
    private record Block(Range range, BigInteger rangeSize) {
    }

    /**
     * @throws IllegalArgumentException naming the range and office when a range's addresses are
     *                                  malformed, of different IP versions, or in the wrong order
     */
    public OfficeResolver(String centralOfficeId, List<Range> ranges) {
        this.centralOfficeId = Objects.requireNonNull(centralOfficeId, "centralOfficeId");
        for (Range range : ranges) {
            add(range);
        }
        this.rangeCount = ranges.size();
    }

    private void add(Range range) {
        IPAddress first;
        IPAddress last;
        try {
            first = parse(range.firstAddress());
            last = parse(range.lastAddress());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("range " + range.label() + " of office " + range.officeId() + ": " + e.getMessage(), e);
        }
        if (first.getIPVersion() != last.getIPVersion()) {
            throw new IllegalArgumentException("range " + range.label() + " of office " + range.officeId()
                    + " mixes IPv4 and IPv6 addresses");
        }
        if (first.compareTo(last) > 0) {
            throw new IllegalArgumentException("range " + range.label() + " of office " + range.officeId()
                    + ": first address " + range.firstAddress() + " is after last address " + range.lastAddress());
        }
        IPAddressSeqRange span = first.spanWithRange(last);
        Block block = new Block(range, span.getCount());
        for (IPAddress prefixBlock : span.spanWithPrefixBlocks()) {
            if (prefixBlock.isIPv4()) {
                put(ipv4, prefixBlock.toIPv4(), block);
            } else {
                put(ipv6, prefixBlock.toIPv6(), block);
            }
        }
    }

    private static <K extends IPAddress> void put(AssociativeAddressTrie<K, Block> trie, K key, Block block) {
        Block existing = trie.get(key);
        if (existing == null || block.rangeSize().compareTo(existing.rangeSize()) < 0) {
            trie.put(key, block);
        }
    }

    /**
     * The office of {@code address}: the office of the most specific range holding it, or the
     * central office when none does.
     *
     * @throws IllegalArgumentException naming the address when it is not one IPv4 or IPv6 address
     */
    public Match resolve(String address) {
        IPAddress ip = parse(address);
        Block block = ip.isIPv4() ? valueOf(ipv4.longestPrefixMatchNode(ip.toIPv4()))
                : valueOf(ipv6.longestPrefixMatchNode(ip.toIPv6()));
        if (block == null) {
            return new Match(address, centralOfficeId, null);
        }
        Range range = block.range();
        return new Match(address, range.officeId(), range);
    }

    private static Block valueOf(AssociativeAddressTrie.AssociativeTrieNode<?, Block> node) {
        return node == null ? null : node.getValue();
    }

    public String centralOfficeId() {
        return centralOfficeId;
    }

    public int rangeCount() {
        return rangeCount;
    }

    /**
     * Parses one IPv4 or IPv6 address from text without any name lookup. An IPv4-mapped IPv6
     * address (::ffff:10.1.2.3) is its IPv4 address, and an IPv6 zone (%eth0) is ignored, so that
     * a peer reporting either form lands in the same office.
     *
     * @throws IllegalArgumentException naming the text when it is not exactly one address
     */
    public static IPAddress parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("IP address is empty");
        }
        IPAddress ip = new IPAddressString(text.strip(), SINGLE_ADDRESS).getAddress();
        if (ip == null || ip.isMultiple() || ip.isPrefixed()) {
            throw new IllegalArgumentException("'" + text + "' is not an IPv4 or IPv6 address");
        }
        if (ip.isIPv6()) {
            IPv6Address v6 = ip.toIPv6().removeZone();
            return v6.isIPv4Mapped() ? v6.getEmbeddedIPv4Address() : v6;
        }
        return ip.toIPv4();
    }
}
