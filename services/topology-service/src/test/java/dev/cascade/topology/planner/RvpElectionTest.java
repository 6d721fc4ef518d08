package dev.cascade.topology.planner;

import static dev.cascade.topology.planner.Fixture.BRANCH;
import static dev.cascade.topology.planner.Fixture.GIB;
import static dev.cascade.topology.planner.Fixture.MIB;
import static dev.cascade.topology.planner.Fixture.content;
import static dev.cascade.topology.planner.Fixture.peer;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.ContentState;

class RvpElectionTest {

    private final DownloadOrder order = new DownloadOrder(List.of(), GIB);

    private Optional<String> elect(PeerState... peers) {
        return RvpElection.elect(List.of(peers), content(), order, peer -> peer.deviceId().startsWith("seed"), peer -> true)
                .map(elected -> elected.peer().deviceId());
    }

    @Test
    void theTopOfTheDownloadOrderIsElected() {
        assertThat(elect(peer("small", BRANCH).free(5 * GIB).build(), peer("big", BRANCH).free(60 * GIB).build()))
                .contains("big");
    }

    @Test
    void busyInactiveUntaskedAndTooFullPeersAreNotEligible() {
        assertThat(elect(peer("busy", BRANCH).free(90 * GIB).busy().build(),
                peer("gone", BRANCH).free(80 * GIB).inactive().build(),
                peer("untasked", BRANCH).free(70 * GIB).untasked().build(),
                peer("full", BRANCH).free(99 * MIB).build(),
                peer("ok", BRANCH).free(GIB).build()))
                .contains("ok");
        assertThat(elect(peer("full", BRANCH).free(99 * MIB).build())).isEmpty();
    }

    @Test
    void anRvpAlreadyFetchingStaysWhenABetterPeerArrives() {
        PeerState fetching = peer("fetching", BRANCH).free(5 * GIB).downloading().build();
        PeerState better = peer("better", BRANCH).free(90 * GIB).build();
        assertThat(elect(better, fetching)).contains("fetching");
    }

    @Test
    void anRvpThatBecameBusyServingItsOfficeStaysRvp() {
        PeerState rvp = peer("rvp", BRANCH).holding(40).busy().build();
        assertThat(elect(rvp, peer("idle", BRANCH).free(90 * GIB).build())).contains("rvp");
    }

    @Test
    void amongEngagedPeersTheOneHoldingMostPiecesIsTheRvp() {
        assertThat(elect(peer("copy", BRANCH).holding(10).free(90 * GIB).build(), peer("rvp", BRANCH).holding(30).build()))
                .contains("rvp");
    }

    @Test
    void aPeerCopyingFromTheRvpOnAWaitPlanNeverTakesTheRoleOver() {
        PeerState rvp = peer("rvp", BRANCH).free(5 * GIB).holding(30).build();
        PeerState copy = peer("copy", BRANCH).free(90 * GIB).copying(30).build();
        assertThat(elect(copy, rvp)).contains("rvp");
    }

    @Test
    void aPausedRvpStaysRvp() {
        PeerState paused = peer("paused", BRANCH).free(5 * GIB).state(ContentState.CONTENT_STATE_PAUSED).build();
        assertThat(elect(peer("better", BRANCH).free(90 * GIB).build(), paused)).contains("paused");
    }

    @Test
    void aPeerThatFailedIsNotKeptAsRvp() {
        PeerState failed = peer("failed", BRANCH).holding(30).state(ContentState.CONTENT_STATE_FAILED).build();
        assertThat(elect(failed, peer("fresh", BRANCH).build())).contains("fresh");
    }

    @Test
    void aSeedPeerComesFirst() {
        assertThat(elect(peer("big", BRANCH).free(500 * GIB).build(), peer("seed-1", BRANCH).free(2 * GIB).build()))
                .contains("seed-1");
    }

    @Test
    void theReasonNamesTheDecidingCriterion() {
        var elected = RvpElection.elect(List.of(peer("laptop", BRANCH).laptop().build(), peer("desktop", BRANCH).build()), content(),
                order, peer -> false, peer -> true).orElseThrow();
        assertThat(elected.why()).isEqualTo("first in download order, by desktop before laptop");
    }
}
