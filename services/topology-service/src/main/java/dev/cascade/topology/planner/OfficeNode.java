package dev.cascade.topology.planner;

import java.util.List;

import dev.cascade.topology.model.OfficeKind;

/**
 * One office on the way content travels to the requester.
 *
 * @param preferredRvps device ids of its preferred rendezvous points, the admin's order (seed 001's second criterion)
 */
public record OfficeNode(String id, String name, OfficeKind kind, boolean central, boolean metered, boolean allowDirectCdn,
        List<String> preferredRvps) {

    public OfficeNode {
        kind = kind == null ? OfficeKind.STANDARD : kind;
        name = name == null || name.isBlank() ? id : name;
        preferredRvps = preferredRvps == null ? List.of() : List.copyOf(preferredRvps);
    }

    /** VPN peers do not share content (seed 001): they are nobody's source, not even their office's. */
    public boolean shares() {
        return kind != OfficeKind.VPN;
    }
}
