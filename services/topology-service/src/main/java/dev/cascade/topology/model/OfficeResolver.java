package dev.cascade.topology.model;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.ipv6.IPv6Address;

/**
 * Which office an IP address belongs to: the office of the most specific range holding it (the
 * answer of a longest-prefix match over the ranges' prefix blocks), or the central office when no
 * range holds it.
 *
 * <p>The ranges (first..last, CIDR-aligned or not) are compiled into disjoint segments per IP
 * version, sorted in primitive arrays ({@link AddressSegments}): a lookup is one binary search, and
 * building for 100 000 ranges is a sort, not 100 000 prefix-block splits into tries (docs/benchmarks.md
 * compares the two). Plain address texts are read without the general parser ({@link AddressText}).
 * Immutable: rebuilt whenever the topology changes.
 */
public final class OfficeResolver {

    /** Exactly one address in text form: no host names (never a DNS lookup), prefixes, masks or wildcards. */
    private static final IPAddressStringParameters SINGLE_ADDRESS = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowPrefix(false).allowMask(false).allowAll(false).allowSingleSegment(false)
            .allowWildcardedSeparator(false).allow_inet_aton(false)
            .toParams();

    private final String centralOfficeId;
    private final Range[] ranges;
    private final AddressSegments ipv4;
    private final AddressSegments ipv6;

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

    /**
     * @throws IllegalArgumentException naming the range and office when a range's addresses are
     *                                  malformed, of different IP versions, or in the wrong order
     */
    public OfficeResolver(String centralOfficeId, List<Range> ranges) {
        this.centralOfficeId = Objects.requireNonNull(centralOfficeId, "centralOfficeId");
        this.ranges = ranges.toArray(Range[]::new);
        List<AddressSegments.Span> v4 = new ArrayList<>();
        List<AddressSegments.Span> v6 = new ArrayList<>();
        for (int i = 0; i < this.ranges.length; i++) {
            IPAddress[] ends = ends(this.ranges[i]);
            (ends[0].isIPv4() ? v4 : v6).add(new AddressSegments.Span(ends[0].getValue(), ends[1].getValue(), i));
        }
        this.ipv4 = AddressSegments.of(v4);
        this.ipv6 = AddressSegments.of(v6);
    }

    /** Over the offices' already parsed and validated ranges: nothing is parsed again. */
    public static OfficeResolver of(String centralOfficeId, List<OfficeDefinition> offices) {
        List<Range> ranges = new ArrayList<>();
        List<AddressSegments.Span> v4 = new ArrayList<>();
        List<AddressSegments.Span> v6 = new ArrayList<>();
        for (OfficeDefinition office : offices) {
            for (SubnetRange range : office.ranges()) {
                int index = ranges.size();
                ranges.add(new Range(office.id(), range.firstText(), range.lastText(), range.text()));
                (range.isIpv4() ? v4 : v6).add(new AddressSegments.Span(range.firstValue(), range.lastValue(), index));
            }
        }
        return new OfficeResolver(centralOfficeId, ranges.toArray(Range[]::new), AddressSegments.of(v4),
                AddressSegments.of(v6));
    }

    private OfficeResolver(String centralOfficeId, Range[] ranges, AddressSegments ipv4, AddressSegments ipv6) {
        this.centralOfficeId = Objects.requireNonNull(centralOfficeId, "centralOfficeId");
        this.ranges = ranges;
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
    }

    private static IPAddress[] ends(Range range) {
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
        return new IPAddress[] {first, last};
    }

    /**
     * The office of {@code address}: the office of the most specific range holding it, or the
     * central office when none does.
     *
     * @throws IllegalArgumentException naming the address when it is not one IPv4 or IPv6 address
     */
    public Match resolve(String address) {
        if (address == null) {
            throw new IllegalArgumentException("IP address is empty");
        }
        int index;
        long v4 = AddressText.ipv4(address);
        if (v4 != AddressText.NOT_READ) {
            index = ipv4.owner(0, v4);
        } else {
            long[] v6 = new long[2];
            if (AddressText.ipv6(address, v6) && !isIpv4Mapped(v6)) {
                index = ipv6.owner(v6[0], v6[1]);
            } else {
                IPAddress ip = parse(address);
                BigInteger value = ip.getValue();
                index = (ip.isIPv4() ? ipv4 : ipv6).owner(value.shiftRight(64).longValue(), value.longValue());
            }
        }
        if (index < 0) {
            return new Match(address, centralOfficeId, null);
        }
        Range range = ranges[index];
        return new Match(address, range.officeId(), range);
    }

    /** ::ffff:a.b.c.d is the IPv4 address a.b.c.d ({@link #parse}). */
    private static boolean isIpv4Mapped(long[] v6) {
        return v6[0] == 0 && (v6[1] >>> 32) == 0xffffL;
    }

    public String centralOfficeId() {
        return centralOfficeId;
    }

    public int rangeCount() {
        return ranges.length;
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
