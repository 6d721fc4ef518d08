package dev.cascade.topology.rest;

import java.util.List;

import dev.cascade.topology.service.TopologyDetection;

/**
 * The detected topology as JSON: the whole proposed topology, which offices it adds, and what it
 * left out and why.
 *
 * @param basedOnRevision the revision of the stored topology the proposal starts from
 * @param addedOfficeIds  the offices proposed for observed subnets, in topology order
 * @param notes           for the admin: peers without a usable subnet mask, the server's subnet, ...
 * @param offices         every office of the proposal, as the sheet would hold them
 */
public record DetectedReport(long basedOnRevision, List<String> addedOfficeIds, List<String> notes, List<OfficeSpec> offices) {

    static DetectedReport of(TopologyDetection.Detected detected) {
        return new DetectedReport(detected.basedOnRevision(), detected.proposal().addedOfficeIds(),
                detected.proposal().notes(),
                detected.proposal().topology().offices().stream().map(OfficeSpec::of).toList());
    }
}
