package dev.cascade.cli.demo.wan;

import java.util.List;
import java.util.Optional;

/**
 * What the emulated WAN carried, per link and direction, measured by the links themselves: the demo's "bytes on the
 * WAN". A snapshot; take another for fresh numbers.
 *
 * @param links one entry per link and direction
 */
public record WanCounters(List<LinkCounters> links) {

    public WanCounters {
        links = List.copyOf(links);
    }

    /** The link named {@code name} (e.g. {@code "HQ → Branch-A"}). */
    public Optional<LinkCounters> link(String name) {
        return links.stream().filter(l -> l.link().equals(name)).findFirst();
    }

    /** The links of {@code office} to its parent in {@code direction} (several for an office with per-device links). */
    public List<LinkCounters> of(String office, LinkDirection direction) {
        return links.stream().filter(l -> l.office().equals(office) && l.direction() == direction).toList();
    }

    /** UDP payload bytes delivered over every link: a datagram crossing two links counts twice, as on a real WAN. */
    public long bytesDelivered() {
        return links.stream().mapToLong(LinkCounters::bytesDelivered).sum();
    }

    /** Bytes on the wire (payload and IPv4 and UDP headers) delivered over every link. */
    public long wireBytesDelivered() {
        return links.stream().mapToLong(LinkCounters::wireBytesDelivered).sum();
    }

    /** Datagrams dropped by full queues on every link. */
    public long datagramsDropped() {
        return links.stream().mapToLong(LinkCounters::datagramsDropped).sum();
    }

    /** Payload bytes delivered down into {@code office} (over its shared link or all its devices' links). */
    public long bytesInto(String office) {
        return of(office, LinkDirection.DOWN).stream().mapToLong(LinkCounters::bytesDelivered).sum();
    }
}
