package dev.cascade.agent.follow;

import java.net.InetSocketAddress;
import java.util.UUID;

import dev.cascade.contracts.v1.OfficeType;
import dev.cascade.wire.transfer.ServeDecision;
import dev.cascade.wire.transfer.ServePolicy;

/**
 * Whom this agent serves, by its office type (seed 001, protocol.md §12.4): peers of a VPN office do not share
 * content, so such an agent refuses every request (REFUSED, with the reason); Standard and Wi-Fi offices share.
 * Neither DEPLOYMENT_NOTICE nor SOURCE_PLAN tells a peer its office type, so it comes from {@code --office-type}.
 */
public record OfficeServePolicy(OfficeType officeType) implements ServePolicy {

    @Override
    public ServeDecision decide(UUID requester, InetSocketAddress address, String contentId) {
        return officeType == OfficeType.OFFICE_TYPE_VPN
                ? new ServeDecision.Refused("peers in a VPN office do not share content")
                : ServeDecision.ALLOWED;
    }

}
