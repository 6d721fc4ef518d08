package dev.cascade.agent.follow;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What a {@link DeploymentJob} wants done next; its runner does it and tells the job how it went. */
public sealed interface JobStep {

    /** Send a PLAN_REQUEST after {@code pause} (zero: at once). */
    record Ask(Duration pause, String why) implements JobStep {
    }

    /**
     * Fetch the missing pieces from these peers (foreground, protocol.md §17); then, if still incomplete, from
     * {@code origin} when the plan named it. Holders found on the subnet join the peers ({@link SubnetHolders}).
     * {@code peers} may be empty when the plan named the origin only, or no usable source at all while the subnet is
     * asked: then only the holders found there are copied from, and the origin is never asked because of them.
     */
    record Fetch(List<PlannedPeer> peers, Optional<URI> origin) implements JobStep {
        public Fetch {
            peers = List.copyOf(peers);
        }
    }

    /** Fetch what is still missing from the origin the plan named (after its peers). */
    record FetchOrigin(URI origin) implements JobStep {
    }

    /** Every piece is held: verify the whole content. */
    record Verify() implements JobStep {
    }

    /** The content is complete and verified: install (unless pre-cache only), report, done. */
    record Complete() implements JobStep {
    }

    /** A SOURCE_PLAN that is not the answer to a request of this job: nothing to do. */
    record Ignore(String why) implements JobStep {
    }
}
