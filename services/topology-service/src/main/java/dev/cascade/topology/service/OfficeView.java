package dev.cascade.topology.service;

import java.util.List;

/**
 * An office as the API shows it.
 *
 * @param parentOfficeId null for the central office
 * @param ranges         its IP ranges, first..last inclusive
 */
public record OfficeView(String officeId, String name, OfficeKind type, String parentOfficeId, boolean central,
        boolean metered, boolean allowDirectCdn, List<RangeView> ranges) {

    /** @param cidr the range as a CIDR block when it was given as one, else null */
    public record RangeView(String firstAddress, String lastAddress, String cidr) {
    }
}
