package dev.cascade.topology.service;

import dev.cascade.contracts.v1.TopologyChangeTrigger;

/** What changed the topology: told to consumers in the TopologyChanged event. */
public enum ChangeTrigger {
    /** A spreadsheet import was applied. */
    IMPORT(TopologyChangeTrigger.TOPOLOGY_CHANGE_TRIGGER_IMPORT),
    /** An admin created, changed or deleted one office. */
    OFFICE_EDIT(TopologyChangeTrigger.TOPOLOGY_CHANGE_TRIGGER_OFFICE_EDIT);

    private final TopologyChangeTrigger wire;

    ChangeTrigger(TopologyChangeTrigger wire) {
        this.wire = wire;
    }

    public TopologyChangeTrigger toProto() {
        return wire;
    }
}
