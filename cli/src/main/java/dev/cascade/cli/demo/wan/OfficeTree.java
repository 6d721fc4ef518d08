package dev.cascade.cli.demo.wan;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import inet.ipaddr.AddressStringException;
import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressSeqRange;
import inet.ipaddr.IPAddressString;

/**
 * The offices of an emulated WAN as a tree under one central office, with their address ranges: which office an
 * address is in, and which office-to-parent links lie between two offices. Validated whole on construction, so a
 * bad office list is refused with a message naming the office and the problem, before any link exists.
 */
final class OfficeTree {

    /** One link crossed on the way between two offices: {@code office}'s link to its parent, one way. */
    record Hop(WanOffice office, LinkDirection direction) {
    }

    private record Range(WanOffice office, String text, IPAddressSeqRange span) {
    }

    private final Map<String, WanOffice> offices = new LinkedHashMap<>();
    private final List<Range> ranges = new ArrayList<>();

    OfficeTree(List<WanOffice> list) {
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("a WAN topology needs at least the central office");
        }
        for (WanOffice office : list) {
            checkOffice(office);
            if (offices.putIfAbsent(office.name(), office) != null) {
                throw new IllegalArgumentException("office " + office.name() + " is listed twice");
            }
        }
        List<WanOffice> central = list.stream().filter(WanOffice::isCentral).toList();
        if (central.size() != 1) {
            throw new IllegalArgumentException("a WAN topology needs exactly one central office (one without a"
                    + " parent); found " + central.size() + ": " + central.stream().map(WanOffice::name).toList());
        }
        for (WanOffice office : list) {
            checkParent(office);
        }
        Map<String, String> seen = new HashMap<>();
        for (WanOffice office : list) {
            for (String text : office.ranges()) {
                IPAddressSeqRange span = parse(office, text);
                String other = seen.putIfAbsent(span.toString(), office.name());
                if (other != null) {
                    throw new IllegalArgumentException("range " + text + " of office " + office.name()
                            + " is also a range of office " + other + ": an address must decide one office");
                }
                ranges.add(new Range(office, text, span));
            }
        }
    }

    private static void checkOffice(WanOffice office) {
        if (office == null || office.name() == null || office.name().isBlank()) {
            throw new IllegalArgumentException("every office needs a name");
        }
        if (office.ranges() == null || office.ranges().isEmpty()) {
            throw new IllegalArgumentException("office " + office.name() + " has no address range");
        }
        if (office.isCentral() && (office.up() != null || office.down() != null || office.perDeviceLinks())) {
            throw new IllegalArgumentException("office " + office.name() + " has no parent, so it is the central"
                    + " office, which has no link above it: leave its links out");
        }
        if (!office.isCentral() && (office.up() == null || office.down() == null)) {
            throw new IllegalArgumentException("office " + office.name() + " needs both directions of its link to "
                    + office.parent() + " (up and down)");
        }
    }

    private void checkParent(WanOffice office) {
        if (office.isCentral()) {
            return;
        }
        WanOffice parent = offices.get(office.parent());
        if (parent == null) {
            throw new IllegalArgumentException("office " + office.name() + " names parent " + office.parent()
                    + ", which is not an office; expected one of " + offices.keySet());
        }
        if (parent.perDeviceLinks()) {
            throw new IllegalArgumentException("office " + office.name() + " is under " + parent.name()
                    + ", whose devices each have their own link: such an office can have no sub-offices");
        }
        WanOffice step = office;
        for (int depth = 0; !step.isCentral(); depth++) {
            if (depth > offices.size()) {
                throw new IllegalArgumentException("office " + office.name() + " is its own ancestor: the parents"
                        + " form a cycle instead of reaching the central office");
            }
            step = offices.get(step.parent());
        }
    }

    private static IPAddressSeqRange parse(WanOffice office, String text) {
        try {
            if (text == null) {
                throw new AddressStringException("null");
            }
            int dash = text.indexOf('-');
            if (dash > 0) {
                IPAddress first = new IPAddressString(text.substring(0, dash).strip()).toAddress().withoutPrefixLength();
                IPAddress last = new IPAddressString(text.substring(dash + 1).strip()).toAddress().withoutPrefixLength();
                if (first.isIPv4() != last.isIPv4()) {
                    throw new AddressStringException("its ends are of different IP versions");
                }
                return first.spanWithRange(last);
            }
            return new IPAddressString(text.strip()).toAddress().toPrefixBlock().toSequentialRange();
        } catch (AddressStringException | RuntimeException e) {
            throw new IllegalArgumentException("range \"" + text + "\" of office " + office.name() + " is not an IP"
                    + " address, a CIDR block (127.0.2.0/24) or a range (127.0.2.10-127.0.2.40): " + e.getMessage());
        }
    }

    /** The office of {@code address}: the one whose smallest range holds it; empty when no range does. */
    Optional<WanOffice> officeOf(InetAddress address) {
        IPAddress ip = new IPAddressString(address.getHostAddress()).getAddress();
        Range best = null;
        for (Range range : ranges) {
            if (ip != null && range.span.contains(ip)
                    && (best == null || range.span.getCount().compareTo(best.span.getCount()) < 0)) {
                best = range;
            }
        }
        return Optional.ofNullable(best).map(Range::office);
    }

    WanOffice office(String name) {
        return offices.get(name);
    }

    List<WanOffice> offices() {
        return List.copyOf(offices.values());
    }

    /**
     * The links between office {@code from} and office {@code to}: {@code from}'s chain of links up to the nearest
     * office both lie under, then down that office's chain to {@code to}. Empty when they are one office.
     */
    List<Hop> route(WanOffice from, WanOffice to) {
        List<WanOffice> fromChain = chain(from);
        List<WanOffice> toChain = chain(to);
        WanOffice meeting = fromChain.stream().filter(toChain::contains).findFirst().orElseThrow();
        List<Hop> hops = new ArrayList<>();
        for (WanOffice office : fromChain) {
            if (office == meeting) {
                break;
            }
            hops.add(new Hop(office, LinkDirection.UP));
        }
        List<Hop> down = new ArrayList<>();
        for (WanOffice office : toChain) {
            if (office == meeting) {
                break;
            }
            down.add(new Hop(office, LinkDirection.DOWN));
        }
        Collections.reverse(down);
        hops.addAll(down);
        return hops;
    }

    /** {@code office} and its ancestors up to the central office. */
    private List<WanOffice> chain(WanOffice office) {
        List<WanOffice> chain = new ArrayList<>();
        for (WanOffice step = office; step != null; step = step.isCentral() ? null : offices.get(step.parent())) {
            chain.add(step);
        }
        return chain;
    }
}
