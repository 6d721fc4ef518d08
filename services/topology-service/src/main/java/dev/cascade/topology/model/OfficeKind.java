package dev.cascade.topology.model;

import dev.cascade.contracts.v1.OfficeType;

/**
 * Office types (seed 001). Standard: wired LAN, clients share content and discover by broadcast.
 * VPN: clients discover by broadcast but do not share content. Wi-Fi: clients share content but
 * do not broadcast.
 */
public enum OfficeKind {
    STANDARD(OfficeType.OFFICE_TYPE_STANDARD),
    VPN(OfficeType.OFFICE_TYPE_VPN),
    WIFI(OfficeType.OFFICE_TYPE_WIFI);

    private final OfficeType wire;

    OfficeKind(OfficeType wire) {
        this.wire = wire;
    }

    public OfficeType toProto() {
        return wire;
    }
}
