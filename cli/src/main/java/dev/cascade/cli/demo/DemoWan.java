package dev.cascade.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.cascade.cli.demo.wan.LinkCounters;
import dev.cascade.cli.demo.wan.LinkDirection;
import dev.cascade.cli.demo.wan.LinkShape;
import dev.cascade.cli.demo.wan.WanCounters;
import dev.cascade.cli.demo.wan.WanOffice;
import dev.cascade.cli.demo.wan.WanRelay;
import dev.cascade.cli.demo.wan.WanTopology;
import dev.cascade.wire.Ports;

/**
 * The demo's WAN: the scenario's offices as an emulated link tree, and a relay on every agent's public background
 * address (the port the planner names, 34750) in front of the agent's own background socket — so every byte a
 * sub-office fetches from above crosses the link(s) between the offices, where it is shaped and counted.
 */
final class DemoWan implements AutoCloseable {

    private final WanTopology topology;
    private final List<WanRelay> relays = new ArrayList<>();

    private DemoWan(WanTopology topology) {
        this.topology = topology;
    }

    /**
     * @param holders      addresses of every agent that may serve another office
     * @param internalPort the port the agents' background sockets bind instead of 34750
     */
    static DemoWan start(DemoScenario scenario, List<String> holders, int internalPort, Duration queue, Duration delay) {
        List<WanOffice> offices = new ArrayList<>();
        for (DemoOffice office : scenario.offices()) {
            if (office.central()) {
                offices.add(WanOffice.central(office.id(), office.cidr()));
                continue;
            }
            LinkShape shape = new LinkShape(office.linkBitsPerSecond(), queue, delay);
            offices.add(office.vpn() ? WanOffice.perDevice(office.id(), office.parentId(), shape, shape, office.cidr())
                    : WanOffice.branch(office.id(), office.parentId(), shape, shape, office.cidr()));
        }
        DemoWan wan = new DemoWan(WanTopology.start(offices));
        try {
            for (String holder : holders) {
                InetAddress address = InetAddress.getByName(holder);
                wan.relays.add(WanRelay.open(wan.topology, new InetSocketAddress(address, Ports.CLIENT_CONTENT_BACKGROUND),
                        new InetSocketAddress(address, internalPort)));
            }
        } catch (IOException e) {
            wan.close();
            throw new UncheckedIOException("cannot start the WAN emulation: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            wan.close();
            throw e;
        }
        return wan;
    }

    WanCounters counters() {
        return topology.counters();
    }

    /** Payload bytes delivered into each office from above, by office id. */
    Map<String, Long> bytesIntoOffices() {
        WanCounters counters = counters();
        Map<String, Long> bytes = new HashMap<>();
        for (LinkCounters link : counters.links()) {
            if (link.direction() == LinkDirection.DOWN) {
                bytes.merge(link.office(), link.bytesDelivered(), Long::sum);
            }
        }
        return bytes;
    }

    /** Payload bytes every link delivered towards the offices it feeds. */
    long bytesIn() {
        return counters().links().stream().filter(l -> l.direction() == LinkDirection.DOWN).mapToLong(LinkCounters::bytesDelivered).sum();
    }

    /** Payload bytes every link delivered towards the parents (requests). */
    long bytesOut() {
        return counters().links().stream().filter(l -> l.direction() == LinkDirection.UP).mapToLong(LinkCounters::bytesDelivered).sum();
    }

    @Override
    public void close() {
        relays.forEach(WanRelay::close);
        relays.clear();
        topology.close();
    }
}
