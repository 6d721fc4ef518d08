package dev.cascade.cli.simulate;

import java.util.ArrayList;
import java.util.List;

import dev.cascade.topology.model.OfficeKind;
import dev.cascade.topology.planner.OfficeChain;
import dev.cascade.topology.planner.OfficeNode;

/** One office of the generated hierarchy: its place, its links and its devices. */
final class FleetOffice {

    /** Where the office sits in the generated hierarchy. */
    enum Role {
        CENTRAL("central"), REGION("region"), BRANCH("branch"), WIFI("Wi-Fi sub-office"), VPN("VPN");

        final String label;

        Role(String label) {
            this.label = label;
        }
    }

    final String id;
    final Role role;
    final FleetOffice parent;
    final OfficeNode node;
    /** This office, its parent, … up to the central office. */
    final List<FleetOffice> chainOffices;
    final OfficeChain chain;
    /** The link from its parent down to it; null for the central office and VPN offices (each VPN device has its own). */
    final Link wan;
    /** A Wi-Fi office's air time; null otherwise. */
    final Link cell;
    final List<FleetDevice> devices = new ArrayList<>();

    /** Plans that sent a sub-office's device past this office to one further up (it had no holder and no RVP). */
    int skippedBy;
    /** Of those, plans made while no device of this office had the deployment yet. */
    int skippedBeforeAnyTask;
    /** Devices given a plan over the WAN while another device of the office was already pulling over it. */
    int extraPullers;
    /** Of those, while the other one's DOWNLOADING report was not applied yet (it asked within the plan latency). */
    int extraPullersUnreported;

    FleetOffice(String id, Role role, FleetOffice parent, double wanMbps, double wifiMbps) {
        this.id = id;
        this.role = role;
        this.parent = parent;
        OfficeKind kind = switch (role) {
            case WIFI -> OfficeKind.WIFI;
            case VPN -> OfficeKind.VPN;
            default -> OfficeKind.STANDARD;
        };
        this.node = new OfficeNode(id, id, kind, parent == null, false, false, List.of());
        List<FleetOffice> up = new ArrayList<>();
        List<OfficeNode> nodes = new ArrayList<>();
        for (FleetOffice office = this; office != null; office = office.parent) {
            up.add(office);
            nodes.add(office.node);
        }
        this.chainOffices = List.copyOf(up);
        this.chain = new OfficeChain(nodes, 1);
        this.wan = parent == null || role == Role.VPN ? null : new Link(id, Link.Kind.OFFICE_WAN, wanMbps, this);
        this.cell = role == Role.WIFI ? new Link(id + " air", Link.Kind.WIFI_CELL, wifiMbps, null) : null;
    }

    boolean vpn() {
        return role == Role.VPN;
    }

    /** 0 for the central office, 1 for a region (or a branch or VPN office right under it), … */
    int depth() {
        return chainOffices.size() - 1;
    }

    /** Whether a device of the office has the deployment (it reported PENDING or more). */
    boolean anyTask() {
        for (FleetDevice device : devices) {
            if (device.noticed) {
                return true;
            }
        }
        return false;
    }
}
