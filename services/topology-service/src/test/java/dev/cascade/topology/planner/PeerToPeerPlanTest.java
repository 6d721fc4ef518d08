package dev.cascade.topology.planner;

import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_BLOCKED;
import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_FETCH;
import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_WAIT;
import static dev.cascade.contracts.v1.SourceClass.SOURCE_CLASS_ORIGIN;
import static dev.cascade.contracts.v1.SourceClass.SOURCE_CLASS_PARENT_OFFICE_PEER;
import static dev.cascade.contracts.v1.SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER;
import static dev.cascade.contracts.v1.SourceClass.SOURCE_CLASS_SEED;
import static dev.cascade.contracts.v1.SourceProtocol.SOURCE_PROTOCOL_BACKGROUND;
import static dev.cascade.contracts.v1.SourceProtocol.SOURCE_PROTOCOL_FOREGROUND;
import static dev.cascade.contracts.v1.SourceProtocol.SOURCE_PROTOCOL_ORIGIN_HTTP;
import static dev.cascade.topology.planner.Fixture.BRANCH;
import static dev.cascade.topology.planner.Fixture.GIB;
import static dev.cascade.topology.planner.Fixture.HQ;
import static dev.cascade.topology.planner.Fixture.ORIGIN;
import static dev.cascade.topology.planner.Fixture.REGION;
import static dev.cascade.topology.planner.Fixture.branchChain;
import static dev.cascade.topology.planner.Fixture.chain;
import static dev.cascade.topology.planner.Fixture.peer;
import static dev.cascade.topology.planner.Fixture.peerToPeer;
import static dev.cascade.topology.planner.Fixture.plan;
import static dev.cascade.topology.planner.Fixture.planner;
import static dev.cascade.topology.planner.Fixture.sourceIds;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.ContentState;
import dev.cascade.topology.planner.Plan.OriginUse;

/** The peer-to-peer rules of DESIGN.md §2, one test per rule. */
class PeerToPeerPlanTest {

    private final PeerState me = peer("me", BRANCH).free(5 * GIB).build();

    private Plan planFor(PeerState requester, PeerState... everyone) {
        return plan(planner(), branchChain(), peerToPeer(), requester, List.of(everyone));
    }

    @Test
    void sameOfficeHoldersComeFirstIdleThenMostPiecesThenDownloadOrder() {
        Plan plan = planFor(me, me, peer("busy-full", BRANCH).holding(100).busy().build(), peer("half", BRANCH).holding(50).build(),
                peer("full", BRANCH).holding(100).build(), peer("region-full", REGION).holding(100).build());

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(sourceIds(plan)).containsExactly("full", "half", "busy-full");
        assertThat(plan.sources()).allSatisfy(source -> {
            assertThat(source.protocol()).isEqualTo(SOURCE_PROTOCOL_FOREGROUND);
            assertThat(source.sourceClass()).isEqualTo(SOURCE_CLASS_SAME_OFFICE_PEER);
            assertThat(source.port()).isEqualTo(34760);
        });
        assertThat(plan.sources().get(0).reason()).isEqualTo("same-office peer full holds 100 % of the pieces");
        assertThat(plan.sources().get(2).reason()).contains("busy");
        assertThat(plan.explanation()).startsWith("office Branch-7 holds it: full has every piece")
                .contains("neither the WAN nor the origin");
        assertThat(plan.rvp()).isFalse();
    }

    @Test
    void theRvpFetchesFromTheParentOfficeOverTheBackgroundProtocol() {
        PeerState rvp = peer("rvp", BRANCH).free(90 * GIB).build();
        Plan plan = planFor(rvp, rvp, me, peer("r1", REGION).holding(100).build(), peer("r2", REGION).holding(30).build(),
                peer("hq1", HQ).holding(100).build());

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(plan.rvp()).isTrue();
        assertThat(sourceIds(plan)).containsExactly("r1", "r2");
        assertThat(plan.sources()).allSatisfy(source -> {
            assertThat(source.protocol()).isEqualTo(SOURCE_PROTOCOL_BACKGROUND);
            assertThat(source.sourceClass()).isEqualTo(SOURCE_CLASS_PARENT_OFFICE_PEER);
            assertThat(source.officeId()).isEqualTo("region");
            assertThat(source.port()).isEqualTo(34750);
        });
        assertThat(plan.explanation()).contains("this device is the RVP of office Branch-7")
                .contains("first in download order, by most free storage")
                .contains("fetches from parent office Region-North over the WAN")
                .contains("not from the origin, because the hierarchy holds it");
    }

    @Test
    void theOthersWaitForTheRvpAndAreToldWhoItIsAndWhereItFetches() {
        PeerState rvp = peer("pc-0042", BRANCH).free(90 * GIB).downloading().build();
        Plan plan = planFor(me, me, rvp, peer("r1", REGION).holding(100).build());

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_WAIT);
        assertThat(plan.retryAfterMs()).as("the RVP holds no piece yet: ask again soon").isEqualTo(5_000);
        // the RVP holds nothing yet, but it is listed: it tells what it holds as its pieces arrive over the WAN
        assertThat(plan.sources()).singleElement().satisfies(source -> {
            assertThat(source.deviceId()).isEqualTo("pc-0042");
            assertThat(source.overWan()).isFalse();
            assertThat(source.reason()).contains("holds 0 % of the pieces; it is bringing the content in");
        });
        assertThat(plan.rvp()).isFalse();
        assertThat(plan.explanation()).isEqualTo("office Branch-7 has no complete copy yet; its RVP pc-0042 (already bringing it in)"
                + " is fetching it from parent office Region-North; this device waits for it and meanwhile copies the pieces the"
                + " RVP and its other same-office peers hold as they arrive rather than using the WAN or the origin itself.");
    }

    @Test
    void theWaitingPeersGetTheSameOfficeHoldersThatAppear() {
        PeerState rvp = peer("rvp", BRANCH).holding(60).build();
        Plan plan = planFor(me, me, rvp, peer("copy", BRANCH).copying(20).build(), peer("r1", REGION).holding(100).build());

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_WAIT);
        assertThat(sourceIds(plan)).containsExactly("rvp", "copy");
        assertThat(plan.sources()).noneMatch(Source::overWan);
        assertThat(plan.explanation()).contains("meanwhile copies the pieces the RVP and its other same-office peers hold");
    }

    @Test
    void whenTheParentHoldsNothingTheRvpWaitsForTheParentsRvp() {
        PeerState parentRvp = peer("pc-0007", REGION).downloading().build();
        Plan plan = planFor(me, me, parentRvp, peer("hq1", HQ).holding(100).build());

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_WAIT);
        assertThat(plan.rvp()).isTrue();
        assertThat(plan.sources()).isEmpty();
        // soon again: the parent RVP's first pieces are this RVP's to fetch as they arrive (a pipeline over the WAN hops)
        assertThat(plan.retryAfterMs()).isEqualTo(5_000);
        assertThat(plan.explanation()).contains("this device is the RVP of office Branch-7")
                .contains("waits for office Region-North, whose RVP pc-0007 is bringing it in, rather than going to the origin")
                .contains("rather than going to the origin");
    }

    @Test
    void anAncestorThatHoldsItFeedsTheRvpWhenTheOfficesBetweenNeitherHoldNorFetch() {
        Plan plan = planFor(me, me, peer("region-idle", REGION).untasked().build(), peer("hq1", HQ).holding(100).build());

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(sourceIds(plan)).containsExactly("hq1");
        assertThat(plan.sources().get(0).protocol()).isEqualTo(SOURCE_PROTOCOL_BACKGROUND);
        assertThat(plan.explanation()).contains("ancestor office HQ").contains("the offices between hold none of it and fetch none");
    }

    @Test
    void rightAfterTheDeploymentTheRvpWaitsForAParentWhosePeersHaveNotAskedYet() {
        // the region's devices are targeted, but their notices have not reached them: none reported anything
        PeerState regionDesktop = peer("region-desktop", REGION).untold().build();
        Plan plan = plan(planner(), branchChain(), Fixture.peerToPeerMadeAt(Fixture.NOW.minusSeconds(20)), me,
                List.of(me, peer("region-laptop", REGION).laptop().untold().build(), regionDesktop,
                        peer("hq1", HQ).holding(100).build()));

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_WAIT);
        assertThat(plan.rvp()).isTrue();
        assertThat(plan.sources()).isEmpty();
        assertThat(plan.retryAfterMs()).isEqualTo(5_000);
        assertThat(plan.explanation()).contains("waits for office Region-North, whose RVP region-desktop")
                .contains("its deployment notice is on the way, it has not asked yet) is to bring it in");
    }

    @Test
    void aParentWhosePeersStillHaveNotAskedAfterTheUntoldWaitIsPassed() {
        // two minutes after the deployment a targeted peer that has not asked may never ask: not waited for
        Plan plan = plan(planner(), branchChain(), Fixture.peerToPeerMadeAt(Fixture.NOW.minus(PlannerSettings.UNTOLD_WAIT)), me,
                List.of(me, peer("region-desktop", REGION).untold().build(), peer("hq1", HQ).holding(100).build()));

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(sourceIds(plan)).containsExactly("hq1");
        assertThat(plan.explanation()).contains("ancestor office HQ");
    }

    @Test
    void aParentWithoutTheDeploymentIsPassedAtOnce() {
        // a deployment to the branch only: the region's devices will never ask, the content passes through its link
        Plan plan = plan(planner(), branchChain(), Fixture.peerToPeerMadeAt(Fixture.NOW.minusSeconds(20)), me,
                List.of(me, peer("region-desktop", REGION).untasked().build(), peer("hq1", HQ).holding(100).build()));

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(sourceIds(plan)).containsExactly("hq1");
    }

    @Test
    void anOfficesOwnPeerThatHasNotAskedYetIsItsRvpWhenFirstInDownloadOrder() {
        // the laptop asks first; the desktop comes first in download order but its notice has not reached it yet. The
        // laptop waits for it: electing the laptop now and the desktop when it asks (before the laptop's DOWNLOADING
        // report is applied) would pull two copies over the office's link
        PeerState laptop = peer("laptop", BRANCH).laptop().free(5 * GIB).build();
        List<PeerState> office = List.of(laptop, peer("desktop", BRANCH).untold().build(),
                peer("region1", REGION).holding(100).build());
        Plan plan = plan(planner(), branchChain(), Fixture.peerToPeerMadeAt(Fixture.NOW.minusSeconds(20)), laptop, office);

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_WAIT);
        assertThat(plan.rvp()).isFalse();
        assertThat(plan.explanation()).contains("its RVP desktop").contains("it has not asked yet").contains("is to fetch it");

        // two minutes on the desktop still has not asked: the laptop brings the content in
        Plan later = plan(planner(), branchChain(), Fixture.peerToPeerMadeAt(Fixture.NOW.minus(PlannerSettings.UNTOLD_WAIT)),
                laptop, office);
        assertThat(later.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(later.rvp()).isTrue();
        assertThat(sourceIds(later)).containsExactly("region1");
    }

    @Test
    void theOthersAskAgainSoonWhileTheRvpHoldsNoPieceAndCopyAlongOnceItDoes() {
        // without pieces the RVP has nothing to copy (the agents' rounds end on it); with some it answers with them as
        // more arrive
        PeerState laptop = peer("laptop", BRANCH).laptop().build();
        PeerState region = peer("region1", REGION).holding(100).build();
        Plan notStarted = planFor(laptop, laptop, peer("desktop", BRANCH).build(), region);
        Plan startedEmpty = planFor(laptop, laptop, peer("desktop", BRANCH).downloading().build(), region);
        Plan startedWithPieces = planFor(laptop, laptop, peer("desktop", BRANCH).holding(10).build(), region);

        assertThat(List.of(notStarted, startedEmpty, startedWithPieces)).extracting(Plan::action).containsOnly(PLAN_ACTION_WAIT);
        assertThat(notStarted.retryAfterMs()).isEqualTo(5_000);
        assertThat(startedEmpty.retryAfterMs()).isEqualTo(5_000);
        assertThat(startedWithPieces.retryAfterMs()).isEqualTo(30_000);
        assertThat(sourceIds(startedWithPieces)).containsExactly("desktop");
    }

    @Test
    void withoutTheDeploymentsCreationTimeOnlyPeersThatAskedAreElected() {
        PeerState laptop = peer("laptop", BRANCH).laptop().free(5 * GIB).build();
        Plan plan = planFor(laptop, laptop, peer("desktop", BRANCH).untold().build(), peer("region1", REGION).holding(100).build());

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(plan.rvp()).isTrue();
    }

    @Test
    void aMeteredParentIsNotWaitedFor() {
        Plan plan = plan(planner(), chain(BRANCH, Fixture.metered(REGION), HQ), peerToPeer(), me,
                List.of(me, peer("region-pending", REGION).build(), peer("hq1", HQ).holding(100).build()));

        assertThat(sourceIds(plan)).containsExactly("hq1");
    }

    @Test
    void vpnPeersOfAParentOfficeAreNobodysSource() {
        Plan plan = plan(planner(), chain(BRANCH, Fixture.kind(REGION, dev.cascade.topology.model.OfficeKind.VPN), HQ), peerToPeer(), me,
                List.of(me, peer("vpn-holder", REGION).holding(100).build(), peer("hq1", HQ).holding(100).build()));

        assertThat(sourceIds(plan)).containsExactly("hq1");
    }

    @Test
    void withNothingInTheHierarchyAndNoSeedTheRvpFallsBackToTheOrigin() {
        Plan plan = planFor(me, me, peer("region-idle", REGION).untasked().build());

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(plan.originUse()).isEqualTo(OriginUse.FALLBACK);
        assertThat(plan.sources()).singleElement().satisfies(source -> {
            assertThat(source.protocol()).isEqualTo(SOURCE_PROTOCOL_ORIGIN_HTTP);
            assertThat(source.sourceClass()).isEqualTo(SOURCE_CLASS_ORIGIN);
            assertThat(source.originUrl()).isEqualTo(ORIGIN);
            assertThat(source.reason()).contains("the hierarchy lacks the content");
        });
        assertThat(plan.explanation()).contains("no office from office Branch-7 up to office HQ holds or is fetching Firefox 128")
                .contains("no seed peer holds it, so it fetches from the origin");
    }

    @Test
    void withoutAnOriginUrlAndNothingInTheHierarchyThePlanIsBlocked() {
        SourcePlanner planner = planner();
        Plan plan = planner.plan(Fixture.ask("me"), new PlanningFacts(me, Fixture.contentWithoutOrigin(), peerToPeer(), List.of()),
                branchChain(), Fixture.NOW);

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_BLOCKED);
        assertThat(plan.retryAfterMs()).isEqualTo(300_000);
        assertThat(plan.explanation()).contains("it has no origin URL");
    }

    @Test
    void withoutAnOriginUrlTheDevicesWaitShortlyForASeedThatHasNotReportedTheContentYet() {
        // right after a deployment: the seed has the notice, its inventory report is still on its way (no task known yet)
        PeerState seed = peer("seed-1", HQ).server().untasked().build();
        Plan plan = planner("seed-1").plan(Fixture.ask("me"), new PlanningFacts(me, Fixture.contentWithoutOrigin(), peerToPeer(),
                List.of(seed)), branchChain(), Fixture.NOW);

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_WAIT);
        assertThat(plan.retryAfterMs()).isEqualTo(5_000);
        assertThat(plan.sources()).isEmpty();
        assertThat(plan.explanation()).contains("it has no origin URL yet; seed peer seed-1 (content library) is told of every"
                + " deployment and has not reported it, so this device asks again shortly.");
    }

    @Test
    void theSeedFeedsTheCentralOffice() {
        PeerState central = peer("hq-pc", HQ).build();
        Plan plan = plan(planner("seed-1"), chain(HQ), peerToPeer(), central,
                List.of(central, peer("seed-1", HQ).holding(100).server().build()));

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(plan.sources()).singleElement().satisfies(source -> {
            assertThat(source.sourceClass()).isEqualTo(SOURCE_CLASS_SEED);
            assertThat(source.protocol()).isEqualTo(SOURCE_PROTOCOL_FOREGROUND);
            assertThat(source.reason()).startsWith("seed peer seed-1 (content library) holds 100 %");
        });
    }

    @Test
    void theSeedUploadsOneCopyIntoItsOfficeThroughAnRvpAndTheOthersCopyFromTheOffice() {
        PeerState seed = peer("seed-1", HQ).holding(100).server().build();
        PeerState first = peer("hq-a", HQ).free(900 * GIB).build();
        PeerState second = peer("hq-b", HQ).free(500 * GIB).build();
        PeerState third = peer("hq-c", HQ).free(100 * GIB).build();
        List<PeerState> everyone = List.of(seed, first, second, third);

        Plan rvp = plan(planner("seed-1"), chain(HQ), peerToPeer(), first, everyone);
        Plan waiting = plan(planner("seed-1"), chain(HQ), peerToPeer(), third, everyone);

        assertThat(rvp.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(rvp.rvp()).isTrue();
        assertThat(sourceIds(rvp)).containsExactly("seed-1");
        assertThat(rvp.explanation()).contains("this device is the RVP of office HQ").contains("most free storage");
        assertThat(waiting.action()).isEqualTo(PLAN_ACTION_WAIT);
        assertThat(waiting.rvp()).isFalse();
        // the RVP first although it holds nothing yet, then the office's other device with the task; never the seed
        assertThat(sourceIds(waiting)).containsExactly("hq-a", "hq-b");
        assertThat(waiting.sources()).allSatisfy(source -> assertThat(source.sourceClass()).isEqualTo(SOURCE_CLASS_SAME_OFFICE_PEER));
        assertThat(waiting.sources().get(0).reason()).contains("it is fetching the content too");
        assertThat(waiting.retryAfterMs()).isEqualTo(5_000);
        assertThat(waiting.explanation()).contains("the library uploads one copy into office HQ: its RVP hq-a");
    }

    @Test
    void anRvpThatIsFetchingStaysTheOneTheSeedServes() {
        PeerState seed = peer("seed-1", HQ).holding(100).build();
        PeerState engaged = peer("hq-b", HQ).free(10 * GIB).state(ContentState.CONTENT_STATE_DOWNLOADING).holding(30).build();
        PeerState richer = peer("hq-a", HQ).free(900 * GIB).build();

        Plan plan = plan(planner("seed-1"), chain(HQ), peerToPeer(), richer, List.of(seed, engaged, richer));

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_WAIT);
        assertThat(sourceIds(plan)).containsExactly("hq-b");
    }

    @Test
    void onceADeviceOfTheSeedsOfficeHoldsItAllTheOfficeCopiesFromItsDevicesNotTheSeed() {
        PeerState seed = peer("seed-1", HQ).holding(100).build();
        PeerState done = peer("hq-a", HQ).state(ContentState.CONTENT_STATE_CACHED).holding(100).build();
        PeerState partial = peer("hq-b", HQ).state(ContentState.CONTENT_STATE_PENDING).holding(40).build();
        PeerState me = peer("hq-c", HQ).build();

        Plan plan = plan(planner("seed-1"), chain(HQ), peerToPeer(), me, List.of(seed, done, partial, me));

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(sourceIds(plan)).containsExactlyInAnyOrder("hq-a", "hq-b");
        assertThat(plan.explanation()).contains("hq-a has every piece");
    }

    @Test
    void whenNoOtherDeviceCanBeTheRvpEveryoneFetchesFromTheSeed() {
        PeerState seed = peer("seed-1", HQ).holding(100).build();
        PeerState full = peer("hq-a", HQ).free(0).build(); // no room: it cannot bring the content in
        PeerState me = peer("hq-b", HQ).free(0).build();

        Plan plan = plan(planner("seed-1"), chain(HQ), peerToPeer(), me, List.of(seed, full, me));

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(sourceIds(plan)).containsExactly("seed-1");
        assertThat(plan.explanation()).contains("no other device of the office can take the RVP's part");
    }

    @Test
    void aSeedBringingTheContentInIsTheCentralOfficesRvp() {
        PeerState central = peer("hq-pc", HQ).free(900 * GIB).build();
        PeerState seed = peer("seed-1", HQ).free(2 * GIB).build();
        Plan waiting = plan(planner("seed-1"), chain(HQ), peerToPeer(), central, List.of(central, seed));
        Plan seedPlan = plan(planner("seed-1"), chain(HQ), peerToPeer(), seed, List.of(central, seed));

        assertThat(waiting.action()).isEqualTo(PLAN_ACTION_WAIT);
        assertThat(waiting.explanation()).contains("its RVP seed-1 (seed peer (content library)) is to fetch it from the origin");
        assertThat(seedPlan.rvp()).isTrue();
        assertThat(sourceIds(seedPlan)).containsExactly("origin");
    }

    @Test
    void aSeedHoldingItInTheCentralOfficeFeedsABranchWhenTheOfficesBetweenLackIt() {
        Plan plan = plan(planner("seed-1"), branchChain(), peerToPeer(), me, List.of(me, peer("seed-1", HQ).holding(100).build()));

        assertThat(plan.sources()).singleElement().satisfies(source -> {
            assertThat(source.sourceClass()).isEqualTo(SOURCE_CLASS_SEED);
            assertThat(source.protocol()).isEqualTo(SOURCE_PROTOCOL_BACKGROUND);
        });
        assertThat(plan.originUse()).isEqualTo(OriginUse.NONE);
    }

    @Test
    void vpnPeersDoNotShareSoEachFetchesFromTheParentItself() {
        OfficeNode vpn = Fixture.kind(BRANCH, dev.cascade.topology.model.OfficeKind.VPN);
        PeerState other = peer("vpn-2", BRANCH).free(90 * GIB).holding(100).build();
        PeerState first = peer("vpn-1", BRANCH).build();
        PeerState second = peer("vpn-3", BRANCH).build();
        List<PeerState> everyone = List.of(other, first, second, peer("r1", REGION).holding(100).build());

        for (PeerState requester : List.of(first, second)) {
            Plan plan = plan(planner(), chain(vpn, REGION, HQ), peerToPeer(), requester, everyone);
            assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
            assertThat(sourceIds(plan)).containsExactly("r1");
            assertThat(plan.rvp()).isFalse();
            assertThat(plan.explanation()).startsWith("office Branch-7 is a VPN office: its peers do not share content");
        }
    }

    @Test
    void wifiOfficesShareAndThePlanNamesTheHolders() {
        OfficeNode wifi = Fixture.kind(BRANCH, dev.cascade.topology.model.OfficeKind.WIFI);
        Plan plan = plan(planner(), chain(wifi, REGION, HQ), peerToPeer(), me, List.of(me, peer("w1", BRANCH).holding(100).build()));

        assertThat(sourceIds(plan)).containsExactly("w1");
        assertThat(plan.explanation()).contains("is a Wi-Fi office: its peers do not broadcast, so the plan names the holders");
    }

    @Test
    void aMeteredOfficeWithoutAHolderIsBlockedAndNeverUsesTheWan() {
        Plan plan = plan(planner(), chain(Fixture.metered(BRANCH), REGION, HQ), peerToPeer(), me,
                List.of(me, peer("r1", REGION).holding(100).build()));

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_BLOCKED);
        assertThat(plan.sources()).isEmpty();
        assertThat(plan.explanation()).contains("metered WAN link: nothing is fetched over the WAN or from the origin")
                .contains("no device of the office holds any of Firefox 128 yet");
    }

    @Test
    void aMeteredOfficeFetchesWhatItsOwnPeersHold() {
        Plan plan = plan(planner(), chain(Fixture.metered(BRANCH), REGION, HQ), peerToPeer(), me,
                List.of(me, peer("part", BRANCH).holding(30).build(), peer("r1", REGION).holding(100).build()));

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(sourceIds(plan)).containsExactly("part");
        assertThat(plan.pullsOverWan()).isFalse();
    }

    @Test
    void anOfficeAllowingDirectCdnPutsTheOriginFirstForItsRvp() {
        Plan plan = plan(planner(), chain(Fixture.directCdn(BRANCH), REGION, HQ), peerToPeer(), me,
                List.of(me, peer("r1", REGION).holding(100).build()));

        assertThat(sourceIds(plan)).containsExactly("origin", "r1");
        assertThat(plan.originUse()).isEqualTo(OriginUse.DIRECT_CDN);
        assertThat(plan.sources().get(0).reason()).contains("allows direct CDN download");
    }

    @Test
    void inADirectCdnOfficeTheOthersStillWaitForTheRvp() {
        PeerState rvp = peer("rvp", BRANCH).free(90 * GIB).build();
        Plan plan = plan(planner(), chain(Fixture.directCdn(BRANCH), REGION, HQ), peerToPeer(), me, List.of(me, rvp));

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_WAIT);
        assertThat(plan.explanation()).contains("is to fetch it from the origin (the office allows direct CDN download)");
    }

    @Test
    void avoidedPeersAndTheRequesterNeverAppear() {
        PeerState rvp = peer("rvp", BRANCH).free(90 * GIB).build();
        Plan plan = plan(planner(), branchChain(), peerToPeer(), rvp,
                List.of(rvp, peer("bad", REGION).holding(100).build(), peer("good", REGION).holding(10).build()), "BAD");

        assertThat(sourceIds(plan)).containsExactly("good");
    }

    @Test
    void whenEveryParentHolderIsAvoidedTheRvpLooksFurtherUp() {
        Plan plan = planFor(me, me, peer("bad", REGION).holding(100).build(), peer("hq1", HQ).holding(100).build());
        Plan avoiding = plan(planner(), branchChain(), peerToPeer(), me,
                List.of(me, peer("bad", REGION).holding(100).build(), peer("hq1", HQ).holding(100).build()), "bad");

        assertThat(sourceIds(plan)).containsExactly("bad");
        assertThat(sourceIds(avoiding)).containsExactly("hq1");
    }

    @Test
    void whenNoDeviceOfTheOfficeHasRoomTheOfficeIsBlocked() {
        PeerState full = peer("me", BRANCH).free(10).build();
        Plan plan = planFor(full, full, peer("r1", REGION).holding(100).build());

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_BLOCKED);
        assertThat(plan.explanation()).contains("no device of office Branch-7 with the content deployed is idle and has room for it");
    }

    @Test
    void candidatesOfOfficesOffTheChainAndInactiveOnesAreIgnored() {
        Plan plan = planFor(me, me, peer("elsewhere", new OfficeNode("other", "Other", null, false, false, false, null)).holding(100)
                .build(), peer("gone", BRANCH).holding(100).inactive().build());

        assertThat(plan.sources()).extracting(Source::deviceId).doesNotContain("elsewhere", "gone");
    }

    @Test
    void aDeviceHoldingEverythingAlreadyIsToldSo() {
        PeerState done = peer("me", BRANCH).holding(100).build();
        Plan plan = planFor(done, done);

        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(plan.sources()).isEmpty();
        assertThat(plan.explanation()).contains("already holds every piece");
    }

    @Test
    void thePlanCarriesTheTopologyRevisionAndTheOffice() {
        Plan plan = planFor(me, me);

        assertThat(plan.topologyRevision()).isEqualTo(42);
        assertThat(plan.officeId()).isEqualTo("branch");
        assertThat(plan.deviceId()).isEqualTo("me");
    }

    @Test
    void theSourceListIsCappedPerGroup() {
        SourcePlanner planner = new SourcePlanner(new PlannerSettings(GIB, java.util.Set.of(), 2, java.time.Duration.ofSeconds(30),
                java.time.Duration.ofMinutes(5), java.time.Duration.ofMinutes(1), 24, 64, 34760, 34750));
        Plan plan = plan(planner, branchChain(), peerToPeer(), me, List.of(me, peer("a", BRANCH).holding(100).build(),
                peer("b", BRANCH).holding(90).build(), peer("c", BRANCH).holding(80).build()));

        assertThat(sourceIds(plan)).containsExactly("a", "b");
    }
}
