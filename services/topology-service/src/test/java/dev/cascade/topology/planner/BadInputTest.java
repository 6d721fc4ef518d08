package dev.cascade.topology.planner;

import static dev.cascade.topology.planner.Fixture.BRANCH;
import static dev.cascade.topology.planner.Fixture.NOW;
import static dev.cascade.topology.planner.Fixture.ask;
import static dev.cascade.topology.planner.Fixture.branchChain;
import static dev.cascade.topology.planner.Fixture.content;
import static dev.cascade.topology.planner.Fixture.peer;
import static dev.cascade.topology.planner.Fixture.peerToPeer;
import static dev.cascade.topology.planner.Fixture.planner;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.DeploymentMode;

/** Questions the planner cannot answer get a typed error naming the input, never an empty plan. */
class BadInputTest {

    private final PeerState me = peer("me", BRANCH).build();

    @Test
    void anUnknownPeer() {
        assertThatThrownBy(() -> planner().plan(ask("ghost"), new PlanningFacts(null, content(), peerToPeer(), List.of()),
                branchChain(), NOW))
                .isInstanceOf(UnknownPeerException.class).hasMessage("no registered peer has device id 'ghost'");
    }

    @Test
    void anUnknownContent() {
        assertThatThrownBy(() -> planner().plan(ask("me"), new PlanningFacts(me, null, null, List.of()), branchChain(), NOW))
                .isInstanceOf(UnknownContentException.class).hasMessage("the catalog has no content with id 'content-firefox'");
    }

    @Test
    void aContentNotDeployedToThePeer() {
        assertThatThrownBy(() -> planner().plan(ask("me"), new PlanningFacts(me, content(), null, List.of()), branchChain(), NOW))
                .isInstanceOf(ContentNotDeployedException.class)
                .hasMessageContaining("content 'content-firefox' is not deployed to device 'me'");
    }

    @Test
    void aDeploymentOfAnotherContent() {
        DeploymentInfo other = new DeploymentInfo("dep-9", "other", DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER, false, null);
        assertThatThrownBy(() -> planner().plan(ask("me"), new PlanningFacts(me, content(), other, List.of()), branchChain(), NOW))
                .isInstanceOf(ContentNotDeployedException.class);
    }

    @Test
    void aChainThatDoesNotStartAtTheRequestersOffice() {
        assertThatThrownBy(() -> planner().plan(ask("me"), new PlanningFacts(me, content(), peerToPeer(), List.of()),
                Fixture.chain(Fixture.REGION, Fixture.HQ), NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("device me is in office branch");
    }

    @Test
    void aChainMustEndAtTheCentralOffice() {
        assertThatThrownBy(() -> Fixture.chain(BRANCH, Fixture.REGION)).hasMessageContaining("ends with the central office");
    }

    @Test
    void aQueryNeedsBothIds() {
        assertThatThrownBy(() -> new PlanQuery(" ", "c", null)).hasMessageContaining("device id");
        assertThatThrownBy(() -> new PlanQuery("d", "", null)).hasMessageContaining("content id");
    }
}
