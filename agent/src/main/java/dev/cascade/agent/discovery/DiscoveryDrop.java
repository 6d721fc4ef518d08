package dev.cascade.agent.discovery;

import java.util.Locale;

/**
 * Why discovery left an authenticated (or at least parsed) datagram unanswered or unused, beyond the
 * wire checks of {@link dev.cascade.wire.DropReason}. The counter label is the lower-case name.
 */
public enum DiscoveryDrop {
    /** Our own broadcast DISCOVER, received back on our own port. */
    OWN_DISCOVER,
    /** The source address is in none of this agent's subnets: discovery is subnet-local. */
    OFF_SUBNET,
    /** A DISCOVER_REPLY about another content than the one asked for (a late answer to an earlier probe). */
    OTHER_CONTENT,
    /** A DISCOVER for a content of which this agent holds no piece: nothing to answer. */
    NOT_HELD,
    /** The office type forbids answering (VPN, Wi-Fi: {@link DiscoveryPolicy}). */
    OFFICE_POLICY,
    /** The piece bitmap would not fit one datagram. */
    REPLY_TOO_LARGE,
    /** The operating system refused to send the reply. */
    SEND_FAILED,
    /** Handling the datagram raised an exception (a bug); the receive loop went on. See {@link DiscoveryCounters#lastFailure()}. */
    INTERNAL_ERROR;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
