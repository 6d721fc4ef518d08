package dev.cascade.cli.simulate;

import java.util.ArrayList;
import java.util.List;

/**
 * One bottleneck a transfer crosses: a device's LAN port (one direction), an office's link to its parent (the direction
 * content flows: down), a VPN device's own link, or a Wi-Fi office's air time. Its capacity is shared equally by the
 * transfers crossing it.
 */
final class Link {

    /** What the link is, for the WAN ledger. */
    enum Kind { PORT, OFFICE_WAN, VPN_DEVICE, WIFI_CELL }

    final String name;
    final Kind kind;
    /** Bytes per second. */
    final double capacity;
    /** The office whose link to its parent this is (OFFICE_WAN), the device's office (VPN_DEVICE); else null. */
    final FleetOffice office;
    final List<Transfer> transfers = new ArrayList<>();
    /** Bytes of completed transfers that crossed it. */
    double bytes;
    /** Of {@link #bytes}: for devices of {@link #office} itself (the rest crossed it to offices further down). */
    double ownBytes;

    Link(String name, Kind kind, double mbps, FleetOffice office) {
        this.name = name;
        this.kind = kind;
        this.capacity = mbps * 1_000_000 / 8;
        this.office = office;
    }

    boolean wan() {
        return kind == Kind.OFFICE_WAN || kind == Kind.VPN_DEVICE;
    }

    double mbps() {
        return capacity * 8 / 1_000_000;
    }

    /** This link's equal share. */
    double share() {
        return capacity / transfers.size();
    }
}
