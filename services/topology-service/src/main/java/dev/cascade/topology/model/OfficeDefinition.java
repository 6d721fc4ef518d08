package dev.cascade.topology.model;

import java.util.List;


/**
 * One office as an admin defines it: one row of the topology spreadsheet. Holds what was given
 * without judging it (only surrounding spaces are dropped); {@link TopologyValidator} says whether
 * a set of offices makes a topology.
 *
 * @param id             stable identifier, e.g. "berlin" (syntax: {@link TopologyValidator#ID_SYNTAX})
 * @param name           shown to admins, unique ignoring case
 * @param type           Standard, VPN or Wi-Fi (DESIGN §2); null only while reading a sheet whose type cell is wrong
 * @param parentId       the parent office; null for the central office (blank is read as null)
 * @param ranges         its subnets and ranges, in the order given (the order carries no meaning)
 * @param preferredRvps  device ids (UUIDs as text) of its rendezvous points, the lead clients that receive a download first
 * @param metered        the office's WAN link is metered: its devices download nothing over the WAN
 * @param allowDirectCdn its devices may download from the CDN directly rather than through the hierarchy
 */
public record OfficeDefinition(String id, String name, OfficeKind type, String parentId, List<SubnetRange> ranges,
        List<String> preferredRvps, boolean metered, boolean allowDirectCdn) {

    public OfficeDefinition {
        // surrounding spaces never mean anything in a cell, and keeping them would make export lossy
        id = id == null ? null : id.strip();
        name = name == null ? null : name.strip();
        parentId = parentId == null || parentId.isBlank() ? null : parentId.strip();
        ranges = ranges == null ? List.of() : List.copyOf(ranges);
        preferredRvps = preferredRvps == null ? List.of() : List.copyOf(preferredRvps);
    }

    /** An office with no RVPs and both flags off. */
    public static OfficeDefinition of(String id, String name, OfficeKind type, String parentId, List<SubnetRange> ranges) {
        return new OfficeDefinition(id, name, type, parentId, ranges, List.of(), false, false);
    }

    /** The central office is the one without a parent. */
    public boolean isCentral() {
        return parentId == null;
    }

    public OfficeDefinition withRanges(List<SubnetRange> newRanges) {
        return new OfficeDefinition(id, name, type, parentId, newRanges, preferredRvps, metered, allowDirectCdn);
    }

    public OfficeDefinition withParent(String newParentId) {
        return new OfficeDefinition(id, name, type, newParentId, ranges, preferredRvps, metered, allowDirectCdn);
    }
}
