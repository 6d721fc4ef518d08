package dev.cascade.agent.follow;

import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import dev.cascade.contracts.v1.OfficeType;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.wire.transfer.ServeDecision;
import dev.cascade.wire.transfer.ServePolicy;

/**
 * Whom this agent serves, by its office type (seed 001, protocol.md §12.4): peers of a VPN office do not share
 * content, so such an agent refuses every request (REFUSED, with the reason); Standard and Wi-Fi offices share.
 * The type starts as {@code --office-type} and follows the server: every SOURCE_PLAN names the requester's office
 * type (protocol.md §15.4), so a device moved into a VPN office by a topology change stops serving with its next plan.
 */
public final class OfficeServePolicy implements ServePolicy {

    private final AtomicReference<OfficeType> officeType;

    public OfficeServePolicy(OfficeType configured) {
        this.officeType = new AtomicReference<>(configured);
    }

    /** Takes the office type a plan names; a plan without one (BLOCKED without an office) changes nothing. */
    public void learn(SourcePlan plan) {
        OfficeType type = plan.getOfficeType();
        if (type != OfficeType.OFFICE_TYPE_UNSPECIFIED && type != OfficeType.UNRECOGNIZED) {
            officeType.set(type);
        }
    }

    public OfficeType officeType() {
        return officeType.get();
    }

    @Override
    public ServeDecision decide(UUID requester, InetSocketAddress address, String contentId) {
        return officeType.get() == OfficeType.OFFICE_TYPE_VPN
                ? new ServeDecision.Refused("peers in a VPN office do not share content")
                : ServeDecision.ALLOWED;
    }
}
