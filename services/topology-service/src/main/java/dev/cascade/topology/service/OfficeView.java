package dev.cascade.topology.service;

import java.util.List;

import dev.cascade.topology.model.OfficeDefinition;
import dev.cascade.topology.model.OfficeKind;
import dev.cascade.topology.model.SubnetRange;

/**
 * An office as the API shows it.
 *
 * @param parentOfficeId null for the central office
 * @param ranges         its IP ranges, first..last inclusive
 * @param preferredRvps  device ids of its preferred rendezvous points, most preferred first
 */
public record OfficeView(String officeId, String name, OfficeKind type, String parentOfficeId, boolean central,
        boolean metered, boolean allowDirectCdn, List<RangeView> ranges, List<String> preferredRvps) {

    /** The view of a validated office. */
    public static OfficeView of(OfficeDefinition office) {
        return new OfficeView(office.id(), office.name(), office.type(), office.parentId(), office.isCentral(),
                office.metered(), office.allowDirectCdn(), office.ranges().stream().map(RangeView::of).toList(),
                office.preferredRvps());
    }

    /**
     * One range as it is stored (a row of {@code office_range}).
     *
     * @param cidr the range as written when it was a CIDR block ("10.1.0.0/16") or one address
     *             ("10.1.2.3"); null for a first-last range, so that the form it was written in survives
     *             the database
     */
    public record RangeView(String firstAddress, String lastAddress, String cidr) {

        public static RangeView of(SubnetRange range) {
            return new RangeView(range.firstText(), range.lastText(), range.form() == SubnetRange.Form.RANGE ? null : range.text());
        }

        /** The range as text: its CIDR block (or single address), else "first-last". */
        public String text() {
            return cidr != null && !cidr.isBlank() ? cidr : firstAddress + "-" + lastAddress;
        }

        /**
         * The range in the form it was written.
         *
         * @throws dev.cascade.topology.model.MalformedRangeException when the stored text is not a range
         */
        public SubnetRange toSubnetRange() {
            return SubnetRange.parse(text());
        }
    }
}
