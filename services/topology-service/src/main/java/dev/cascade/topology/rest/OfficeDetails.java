package dev.cascade.topology.rest;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.cascade.topology.model.OfficeKind;
import dev.cascade.topology.service.OfficeView;
import dev.cascade.topology.service.OfficeView.RangeView;

/**
 * One office with the way content reaches it.
 *
 * @param path             the office's id and its ancestors' up to the central office, in that order
 * @param topologyRevision the revision this answer was read at
 */
public record OfficeDetails(String officeId, String name, OfficeKind type, String parentOfficeId, boolean central,
        boolean metered, boolean allowDirectCdn, List<RangeView> ranges, List<String> preferredRvps,
        @Schema(description = "This office's id, then its parent's, up to the central office's", example = "[\"berlin-wifi\", \"berlin\", \"central\"]")
        List<String> path,
        long topologyRevision) {

    static OfficeDetails of(OfficeView office, List<OfficeView> path, long revision) {
        return new OfficeDetails(office.officeId(), office.name(), office.type(), office.parentOfficeId(), office.central(),
                office.metered(), office.allowDirectCdn(), office.ranges(), office.preferredRvps(),
                path.stream().map(OfficeView::officeId).toList(), revision);
    }
}
