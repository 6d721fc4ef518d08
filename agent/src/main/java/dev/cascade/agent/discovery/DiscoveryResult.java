package dev.cascade.agent.discovery;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * What one discovery of a content found.
 *
 * @param holders    the peers that answered, most useful first ({@link Holder#MOST_USEFUL_FIRST})
 * @param askedAt    the broadcast addresses and port the DISCOVER went to
 * @param rounds     how many times it was broadcast (a second time only when nobody answered the first)
 * @param notAsked   why nothing was broadcast at all (Wi-Fi office, no IPv4 subnet, every send failed); empty
 *                   when at least one DISCOVER went out
 * @param notes      subnets skipped and sends that failed, for the operator
 * @param replies    what arrived on the reply port: {@code received} datagrams, {@code answered} the replies
 *                   used as holders, {@code dropped} why the others were not
 */
public record DiscoveryResult(String contentId, List<Holder> holders, List<InetSocketAddress> askedAt, int rounds,
                              Optional<String> notAsked, List<String> notes, DiscoveryCounters.Snapshot replies) {

    public DiscoveryResult {
        holders = List.copyOf(holders);
        askedAt = List.copyOf(askedAt);
        notes = List.copyOf(notes);
    }
}
