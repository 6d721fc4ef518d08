package dev.cascade.cli.simulate;

import dev.cascade.topology.planner.PeerState;

/**
 * A device's INVENTORY_REPORTs, as the agent sends them: when its state or its pieces changed, and while it fetches at
 * most every {@value #PROGRESS_REPORT_S} s. The server (and so the planner) knows a device as its last report says.
 */
final class InventoryReports {

    static final double PROGRESS_REPORT_S = 2;

    private final EventQueue queue;
    private final ControlPlaneLedger ledger;
    private final int payloadBytes;

    InventoryReports(EventQueue queue, ControlPlaneLedger ledger, int pieces) {
        this.queue = queue;
        this.ledger = ledger;
        this.payloadBytes = 120 + (pieces + 7) / 8; // one holding with its piece bitmap
    }

    /** A piece arrived during a fetch: report now, or when the last report is 2 s old. */
    void progress(FleetDevice device) {
        double due = device.lastReportAt + PROGRESS_REPORT_S;
        if (queue.now() >= due) {
            report(device);
        } else if (!device.progressReportDue) {
            device.progressReportDue = true;
            queue.at(due, () -> {
                device.progressReportDue = false;
                if (device.round != null) {
                    report(device);
                }
            });
        }
    }

    /** A report if its state or pieces changed since the last one. */
    void report(FleetDevice device) {
        if (device.state == device.reportedState && device.heldCount == device.reportedPieces) {
            return;
        }
        ledger.count(ControlPlaneLedger.Message.INVENTORY_REPORT, queue.now(), payloadBytes);
        device.reportedState = device.state;
        device.reportedPieces = device.heldCount;
        device.lastReportAt = queue.now();
        device.view = view(device);
    }

    /**
     * The device as metadata-service hands it to the planner: active, never busy (see architecture.md), as last reported,
     * and targeted (the deployment is to every device) before its notice reaches it.
     */
    static PeerState view(FleetDevice device) {
        return new PeerState(device.id, device.hostname, device.ipAddress, device.office.id, device.deviceClass,
                device.osType, device.freeStorage, device.usableStorage, device.bootTimeMs, false, true, device.reportedState,
                device.reportedPieces, true);
    }
}
