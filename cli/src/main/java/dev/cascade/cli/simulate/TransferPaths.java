package dev.cascade.cli.simulate;

import java.util.ArrayList;
import java.util.List;

/**
 * The links a piece crosses from a source to a receiver, and the WAN ledger of what crossed them. Content only flows
 * down the hierarchy: from a source in the receiver's office over the LAN, from one in an office up the receiver's chain
 * over each office link on the way down (a VPN device's own link in place of its office's), from the origin over every
 * link from the central office down.
 */
final class TransferPaths {

    private TransferPaths() {
    }

    /** The receiver's first link up: its office's, or a VPN device's own. */
    static Link firstWanLink(FleetDevice receiver) {
        return receiver.office.vpn() ? receiver.down : receiver.office.wan;
    }

    static Link[] path(FleetDevice source, FleetDevice receiver) {
        List<Link> links = new ArrayList<>(6);
        if (source != null) {
            links.add(source.up);
        }
        List<FleetOffice> chain = receiver.office.chainOffices;
        int level = source == null ? chain.size() - 1 : chain.indexOf(source.office);
        if (level < 0) {
            throw new IllegalStateException("source " + source.id + " of office " + source.office.id + " is not up the chain of "
                    + receiver.id + " in office " + receiver.office.id);
        }
        for (int i = 0; i < level; i++) {
            Link link = i == 0 ? firstWanLink(receiver) : chain.get(i).wan;
            addOnce(links, link);
        }
        addOnce(links, receiver.down);
        return links.toArray(Link[]::new);
    }

    /** Books a completed transfer's bytes: its own office's or transit, and the receiver's WAN bytes. */
    static void book(Transfer transfer) {
        FleetDevice receiver = transfer.receiver;
        Link first = firstWanLink(receiver);
        for (Link link : transfer.path) {
            if (!link.wan()) {
                continue;
            }
            if (link == first) {
                link.ownBytes += transfer.bytes;
                receiver.wanBytes += transfer.bytes;
            }
        }
    }

    private static void addOnce(List<Link> links, Link link) {
        if (link != null && !links.contains(link)) {
            links.add(link);
        }
    }
}
