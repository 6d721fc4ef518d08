package dev.cascade.topology.model;

import java.math.BigInteger;
import java.util.Comparator;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import inet.ipaddr.IPAddressStringParameters;
import inet.ipaddr.AddressStringParameters.RangeParameters;

/**
 * A contiguous block of IP addresses of one office, first..last inclusive, all IPv4 or all IPv6.
 * Written as a CIDR block ({@code 10.1.0.0/16}, {@code 2001:db8:1::/48}), a range
 * ({@code 10.1.0.5-10.1.0.80}) or one address ({@code 10.1.2.3}, which holds just that address).
 * It keeps the form it was written in, spelt canonically, so an export shows what the admin wrote and
 * reads back to the same value. Equal when the canonical text is equal.
 */
public final class SubnetRange implements Comparable<SubnetRange> {

    /** How a range was written. */
    public enum Form {
        /** network/prefix, e.g. 10.1.0.0/16 */
        CIDR,
        /** first-last, e.g. 10.1.0.5-10.1.0.80 */
        RANGE,
        /** one address, e.g. 10.1.2.3 */
        ADDRESS
    }

    /** IPv4 ranges sort before IPv6, then by first address, the wider range first. */
    private static final Comparator<SubnetRange> ORDER = Comparator.comparing(SubnetRange::isIpv6)
            .thenComparing(SubnetRange::firstValue)
            .thenComparing(SubnetRange::lastValue, Comparator.reverseOrder())
            .thenComparing(SubnetRange::text);

    /**
     * One address, optionally with a prefix length: no host names (never a DNS lookup), no masks,
     * wildcards, segment ranges, IPv6 zones, or inet_aton shorthand such as "10.1".
     */
    private static final IPAddressStringParameters ADDRESS_SYNTAX = new IPAddressStringParameters.Builder()
            .allowEmpty(false).allowAll(false).allowMask(false).allowPrefix(true).allowSingleSegment(false)
            .allowWildcardedSeparator(false).allow_inet_aton(false)
            .getIPv4AddressParametersBuilder().setRangeOptions(RangeParameters.NO_RANGE).getParentBuilder()
            .getIPv6AddressParametersBuilder().allowZone(false).setRangeOptions(RangeParameters.NO_RANGE).getParentBuilder()
            .toParams();

    private final String text;
    private final Form form;
    private final IPAddress first;
    private final IPAddress last;
    private final BigInteger firstValue;
    private final BigInteger lastValue;

    private SubnetRange(String text, Form form, IPAddress first, IPAddress last) {
        this.text = text;
        this.form = form;
        this.first = first;
        this.last = last;
        this.firstValue = first.getValue();
        this.lastValue = last.getValue();
    }

    /**
     * Parses a CIDR block, a first-last range (an en dash and spaces around the dash are accepted),
     * or a single address.
     *
     * @throws MalformedRangeException naming the text and what is wrong with it
     */
    public static SubnetRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new MalformedRangeException(text == null ? "" : text, "is empty");
        }
        String written = text.strip().replace('\u2013', '-');
        int dash = written.indexOf('-');
        if (dash >= 0) {
            return parseRange(text, written.substring(0, dash).strip(), written.substring(dash + 1).strip());
        }
        int slash = written.indexOf('/');
        if (slash >= 0) {
            return parseCidr(text, written.substring(0, slash), written.substring(slash + 1));
        }
        IPAddress address = address(text, written, null);
        return new SubnetRange(address.toCanonicalString(), Form.ADDRESS, address, address);
    }

    private static SubnetRange parseRange(String text, String firstText, String lastText) {
        if (lastText.indexOf('-') >= 0) {
            throw new MalformedRangeException(text, "has more than one '-' (expected first-last)");
        }
        IPAddress first = address(text, firstText, "first address");
        IPAddress last = address(text, lastText, "last address");
        if (first.getIPVersion() != last.getIPVersion()) {
            throw new MalformedRangeException(text, "mixes " + first.getIPVersion() + " and " + last.getIPVersion()
                    + " addresses");
        }
        if (first.getValue().compareTo(last.getValue()) > 0) {
            throw new MalformedRangeException(text, "starts after it ends (" + first.toCanonicalString() + " is above "
                    + last.toCanonicalString() + ")");
        }
        return new SubnetRange(first.toCanonicalString() + "-" + last.toCanonicalString(), Form.RANGE, first, last);
    }

    private static SubnetRange parseCidr(String text, String addressText, String prefixText) {
        IPAddress address = address(text, addressText, "network address");
        int bits = address.getBitCount();
        if (!prefixText.matches("[0-9]{1,3}") || Integer.parseInt(prefixText) > bits) {
            throw new MalformedRangeException(text, "has prefix length /" + prefixText + " (expected 0 to " + bits
                    + " for " + address.getIPVersion() + ")");
        }
        int prefix = Integer.parseInt(prefixText);
        IPAddress block = address.toPrefixBlock(prefix);
        IPAddress network = block.getLower().withoutPrefixLength();
        if (!network.getValue().equals(address.getValue())) {
            // 10.1.2.3/24 is most likely a typo for a host or a network: refuse rather than guess
            throw new MalformedRangeException(text, "has host bits set (the network is " + network.toCanonicalString()
                    + "/" + prefix + ")");
        }
        return new SubnetRange(network.toCanonicalString() + "/" + prefix, Form.CIDR, network,
                block.getUpper().withoutPrefixLength());
    }

    private static IPAddress address(String text, String part, String role) {
        IPAddress ip = part.isEmpty() ? null : new IPAddressString(part, ADDRESS_SYNTAX).getAddress();
        if (ip == null || ip.isMultiple() || ip.isPrefixed()) {
            throw new MalformedRangeException(text, role == null ? "is not an IPv4 or IPv6 address, CIDR block or range"
                    : "has a " + role + " \"" + part + "\" that is not an IPv4 or IPv6 address");
        }
        if (ip.isIPv6() && ip.toIPv6().isIPv4Mapped()) {
            // peers' IPv4-mapped addresses resolve as IPv4 (OfficeResolver.parse): such a range would never match
            throw new MalformedRangeException(text, "uses the IPv4-mapped IPv6 address " + ip.toCanonicalString()
                    + " (write the IPv4 address " + ip.toIPv6().getEmbeddedIPv4Address().toCanonicalString() + ")");
        }
        return ip.withoutPrefixLength();
    }

    /**
     * The range first..last, in the plainest form that says it exactly: one address, one CIDR
     * block, or first-last.
     *
     * @throws IllegalArgumentException when the addresses are of different IP versions or out of order
     */
    public static SubnetRange between(IPAddress first, IPAddress last) {
        IPAddress low = first.withoutPrefixLength();
        IPAddress high = last.withoutPrefixLength();
        if (low.getIPVersion() != high.getIPVersion() || low.getValue().compareTo(high.getValue()) > 0) {
            throw new IllegalArgumentException("not a range: " + low + " to " + high);
        }
        if (low.getValue().equals(high.getValue())) {
            return new SubnetRange(low.toCanonicalString(), Form.ADDRESS, low, low);
        }
        BigInteger size = high.getValue().subtract(low.getValue()).add(BigInteger.ONE);
        int hostBits = size.getLowestSetBit();
        boolean aligned = low.getValue().signum() == 0 || low.getValue().getLowestSetBit() >= hostBits;
        if (size.bitCount() == 1 && aligned) {
            // a power-of-two size starting on a multiple of itself: one prefix block
            return new SubnetRange(low.toCanonicalString() + "/" + (low.getBitCount() - hostBits), Form.CIDR, low, high);
        }
        return new SubnetRange(low.toCanonicalString() + "-" + high.toCanonicalString(), Form.RANGE, low, high);
    }

    /** The range as written, spelt canonically: what an export writes. */
    public String text() {
        return text;
    }

    public Form form() {
        return form;
    }

    /** True when written as one prefix block: a CIDR block or a single address (a /32 or /128). */
    public boolean isCidr() {
        return form != Form.RANGE;
    }

    /** The CIDR block when {@link #isCidr()} (a single address gets /32 or /128), else null. */
    public String cidr() {
        return switch (form) {
            case CIDR -> text;
            case ADDRESS -> text + "/" + first.getBitCount();
            case RANGE -> null;
        };
    }

    public IPAddress first() {
        return first;
    }

    public IPAddress last() {
        return last;
    }

    public String firstText() {
        return first.toCanonicalString();
    }

    public String lastText() {
        return last.toCanonicalString();
    }

    public BigInteger firstValue() {
        return firstValue;
    }

    public BigInteger lastValue() {
        return lastValue;
    }

    public boolean isIpv4() {
        return first.isIPv4();
    }

    public boolean isIpv6() {
        return first.isIPv6();
    }

    /** How many addresses the range holds. */
    public BigInteger size() {
        return lastValue.subtract(firstValue).add(BigInteger.ONE);
    }

    /** Whether {@code address} (without prefix) lies in this range; false for the other IP version. */
    public boolean contains(IPAddress address) {
        if (address.getIPVersion() != first.getIPVersion()) {
            return false;
        }
        BigInteger value = address.getValue();
        return firstValue.compareTo(value) <= 0 && value.compareTo(lastValue) <= 0;
    }

    /** Whether the two ranges share at least one address. */
    public boolean overlaps(SubnetRange other) {
        return isIpv6() == other.isIpv6() && firstValue.compareTo(other.lastValue) <= 0
                && other.firstValue.compareTo(lastValue) <= 0;
    }

    @Override
    public int compareTo(SubnetRange other) {
        return ORDER.compare(this, other);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SubnetRange range && range.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
