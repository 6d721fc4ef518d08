package dev.cascade.benchmarks.topology;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

import dev.cascade.topology.model.OfficeResolver;
import dev.cascade.topology.model.OfficeResolver.Match;
import dev.cascade.topology.model.OfficeResolver.Range;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.format.util.AssociativeAddressTrie;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;

/**
 * The baseline {@code OfficeResolver} was until 2026-11-21, kept here only to be measured side by
 * side with it: IPAddress associative tries, longest-prefix match. Which office an IP address
 * belongs to. Each office range (first..last, CIDR-aligned or not) is
 * split into its prefix blocks; a lookup takes the longest matching block, so the most specific
 * range wins where ranges nest. An address no range holds belongs to the central office.
 * Immutable: rebuilt whenever the topology changes.
 */
final class PrefixTrieResolver {

    private final String centralOfficeId;
    private final IPv4AddressAssociativeTrie<Block> ipv4 = new IPv4AddressAssociativeTrie<>();
    private final IPv6AddressAssociativeTrie<Block> ipv6 = new IPv6AddressAssociativeTrie<>();
    private final int rangeCount;

    /** A prefix block of a range; where two ranges share a block, the smaller range is the more specific. */
    private record Block(Range range, BigInteger rangeSize) {
    }

    PrefixTrieResolver(String centralOfficeId, List<OfficeResolver.Range> ranges) {
        this.centralOfficeId = Objects.requireNonNull(centralOfficeId, "centralOfficeId");
        for (OfficeResolver.Range range : ranges) {
            add(range);
        }
        this.rangeCount = ranges.size();
    }

    /** The ranges come from a validated topology: the checks OfficeResolver makes are not repeated. */
    private void add(Range range) {
        IPAddress first = parse(range.firstAddress());
        IPAddress last = parse(range.lastAddress());
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

    private static IPAddress parse(String text) {
        return OfficeResolver.parse(text);
    }
}
