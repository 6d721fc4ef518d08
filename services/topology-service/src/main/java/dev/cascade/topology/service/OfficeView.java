package dev.cascade.topology.service;

import dev.cascade.topology.model.OfficeKind;
import java.util.List;

/**
 * An office as the API shows it.
 *
 * @param parentOfficeId null for the central office
 * @param ranges         its IP ranges, first..last inclusive
 * @param preferredRvps  device ids of its preferred rendezvous points, most preferred first
 */
public record OfficeView(String officeId, String name, OfficeKind type, String parentOfficeId, boolean central,
        boolean metered, boolean allowDirectCdn, List<RangeView> ranges, List<String> preferredRvps) {

    /** @param cidr the range as a CIDR block when it was given as one, else null */
    public record RangeView(String firstAddress, String lastAddress, String cidr) {

        /** The range as text: its CIDR block, else "first-last". */
        public String text() {
            return cidr != null && !cidr.isBlank() ? cidr : firstAddress + "-" + lastAddress;
        }
    }
}
