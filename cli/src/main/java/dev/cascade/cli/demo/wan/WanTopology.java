package dev.cascade.cli.demo.wan;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The emulated WAN: the office tree and one {@link WanLink} per office and direction (per device and direction in an
 * office with per-device links, made when the device first sends or receives). Answers which office an address is
 * in, the path between two addresses, and what every link carried. Closing it stops the timer it started.
 */
public final class WanTopology implements AutoCloseable {

    private record LinkKey(String office, LinkDirection direction, InetAddress device) {
    }

    private final OfficeTree tree;
    private final WanScheduler scheduler;
    private final AutoCloseable ownedTimer;
    private final Map<LinkKey, WanLink> links = new ConcurrentHashMap<>();
    private final List<LinkKey> order = new ArrayList<>();

    /**
     * A topology of {@code offices} whose links run on {@code scheduler}, which the caller owns (a test's hand-driven
     * clock, or a {@link WanTimer} shared with other topologies).
     *
     * @throws IllegalArgumentException naming the office and the problem when the offices do not form one tree
     *                                  with parseable ranges
     */
    public WanTopology(List<WanOffice> offices, WanScheduler scheduler) {
        this(offices, scheduler, null);
    }

    private WanTopology(List<WanOffice> offices, WanScheduler scheduler, AutoCloseable ownedTimer) {
        if (scheduler == null) {
            throw new IllegalArgumentException("a WAN topology needs a scheduler");
        }
        this.tree = new OfficeTree(offices);
        this.scheduler = scheduler;
        this.ownedTimer = ownedTimer;
        for (WanOffice office : tree.offices()) {
            if (!office.isCentral() && !office.perDeviceLinks()) {
                link(new LinkKey(office.name(), LinkDirection.UP, null));
                link(new LinkKey(office.name(), LinkDirection.DOWN, null));
            }
        }
    }

    /** A topology of {@code offices} on a {@link WanTimer} of its own, stopped by {@link #close()}. */
    public static WanTopology start(List<WanOffice> offices) {
        WanTimer timer = new WanTimer();
        try {
            return new WanTopology(offices, timer, timer);
        } catch (RuntimeException e) {
            timer.close();
            throw e;
        }
    }

    /** The name of the office {@code address} is in; empty when it is in none. */
    public Optional<String> officeOf(InetAddress address) {
        return tree.officeOf(address).map(WanOffice::name);
    }

    /**
     * The links a datagram from {@code from} to {@code to} crosses; empty when either address is in no office. Two
     * devices of one office with per-device links reach each other through the parent office (up one device's link,
     * down the other's).
     */
    public Optional<WanPath> path(InetAddress from, InetAddress to) {
        Optional<WanOffice> source = tree.officeOf(from);
        Optional<WanOffice> target = tree.officeOf(to);
        if (source.isEmpty() || target.isEmpty()) {
            return Optional.empty();
        }
        WanOffice a = source.get();
        WanOffice b = target.get();
        List<WanLink> path = new ArrayList<>();
        if (a == b) {
            if (a.perDeviceLinks() && !from.equals(to)) {
                path.add(link(new LinkKey(a.name(), LinkDirection.UP, from)));
                path.add(link(new LinkKey(a.name(), LinkDirection.DOWN, to)));
            }
            return Optional.of(new WanPath(path));
        }
        for (OfficeTree.Hop hop : tree.route(a, b)) {
            InetAddress device = !hop.office().perDeviceLinks() ? null
                    : hop.direction() == LinkDirection.UP ? from : to;
            path.add(link(new LinkKey(hop.office().name(), hop.direction(), device)));
        }
        return Optional.of(new WanPath(path));
    }

    /** What every link has carried so far, in the order the links were made (offices in list order, then devices). */
    public WanCounters counters() {
        List<LinkKey> keys;
        synchronized (order) {
            keys = List.copyOf(order);
        }
        return new WanCounters(keys.stream().map(key -> links.get(key).counters()).toList());
    }

    /** The link of {@code office} (not one with per-device links) in {@code direction}. */
    public WanLink link(String office, LinkDirection direction) {
        WanLink link = links.get(new LinkKey(office, direction, null));
        if (link == null) {
            throw new IllegalArgumentException("office " + office + " has no shared link to a parent office"
                    + " (the central office has none; an office with per-device links has one per device)");
        }
        return link;
    }

    private WanLink link(LinkKey key) {
        WanLink existing = links.get(key);
        if (existing != null) {
            return existing;
        }
        synchronized (order) {
            return links.computeIfAbsent(key, k -> {
                order.add(k);
                return newLink(k);
            });
        }
    }

    private WanLink newLink(LinkKey key) {
        WanOffice office = tree.office(key.office());
        String child = key.device() == null ? office.name() : office.name() + " " + key.device().getHostAddress();
        boolean up = key.direction() == LinkDirection.UP;
        String name = up ? child + " → " + office.parent() : office.parent() + " → " + child;
        return new WanLink(name, office.name(), key.direction(), up ? office.up() : office.down(), scheduler);
    }

    /** Stops the timer this topology started (with {@link #start}); datagrams still in flight are lost. */
    @Override
    public void close() {
        if (ownedTimer != null) {
            try {
                ownedTimer.close();
            } catch (Exception e) {
                throw new IllegalStateException("the WAN timer did not stop", e);
            }
        }
    }
}
