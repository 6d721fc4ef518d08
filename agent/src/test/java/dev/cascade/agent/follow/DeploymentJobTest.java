package dev.cascade.agent.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.google.protobuf.ByteString;

import dev.cascade.agent.content.OriginFetcher;
import dev.cascade.agent.content.PieceStore;
import dev.cascade.agent.discovery.PieceBitmap;
import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.DeploymentPolicy;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.PlannedSource;
import dev.cascade.contracts.v1.SourceBytes;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.contracts.v1.SourceProtocol;
import dev.cascade.contracts.v1.TransferReport;
import dev.cascade.wire.transfer.FetchResult;
import dev.cascade.wire.transfer.SourceOutcome;
import dev.cascade.wire.transfer.SourceReport;

/** The decisions of one deployment job, without sockets: plans in, steps out. */
class DeploymentJobTest {

    private static final UUID ME = UUID.fromString("00000000-0000-4000-8000-000000000001");
    private static final UUID SEED = UUID.fromString("00000000-0000-4000-8000-00000000005e");
    private static final UUID PEER = UUID.fromString("00000000-0000-4000-8000-000000000002");
    private static final UUID OTHER = UUID.fromString("00000000-0000-4000-8000-000000000003");
    private static final String DEPLOYMENT = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final DeploymentJob.Pacing PACING = new DeploymentJob.Pacing(Duration.ofSeconds(1), Duration.ofSeconds(8));

    private final DeploymentJob job = new DeploymentJob(notice(), ME, UUID.randomUUID(), 1_000, PACING);

    static DeploymentNotice notice() {
        AppMetadata.Builder content = AppMetadata.newBuilder().setContentId("app-7").setSizeBytes(2_500)
                .setSha256(ByteString.copyFrom(new byte[32])).setPieceSize(1_000);
        for (int i = 0; i < 3; i++) {
            content.addPieceHashes(ByteString.copyFrom(new byte[32]));
        }
        return DeploymentNotice.newBuilder().setDeploymentId(DEPLOYMENT).setContent(content)
                .setPolicy(DeploymentPolicy.newBuilder().setMode(DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER)).build();
    }

    private static PlannedSource peer(UUID id, int port, SourceClass sourceClass) {
        return PlannedSource.newBuilder().setDeviceId(id.toString()).setIpAddress("127.0.0.1").setPort(port)
                .setProtocol(SourceProtocol.SOURCE_PROTOCOL_FOREGROUND).setSourceClass(sourceClass).setReason("holds it")
                .build();
    }

    private static PlannedSource origin(String url) {
        return PlannedSource.newBuilder().setProtocol(SourceProtocol.SOURCE_PROTOCOL_ORIGIN_HTTP)
                .setSourceClass(SourceClass.SOURCE_CLASS_ORIGIN).setOriginUrl(url).setReason("nobody holds it").build();
    }

    private static SourcePlan.Builder plan(PlanAction action, PlannedSource... sources) {
        return SourcePlan.newBuilder().setDeviceId(ME.toString()).setContentId("app-7").setAction(action)
                .addAllSources(List.of(sources)).setExplanation("because");
    }

    private static FetchResult result(boolean complete, int fetched, SourceReport... sources) {
        return new FetchResult(complete, fetched, complete ? 0 : 3 - fetched, List.of(sources), 0, 0, 0,
                (int) List.of(sources).stream().filter(s -> s.outcome() == SourceOutcome.BAD).count());
    }

    private static SourceReport report(UUID id, SourceOutcome outcome, long bytes) {
        return new SourceReport(id, new InetSocketAddress("127.0.0.1", 1), outcome, bytes, 0,
                outcome == SourceOutcome.OK ? "" : outcome.name().toLowerCase());
    }

    @Test
    void asksFirstAndFetchesTheForegroundPeersOfAFetchPlan() {
        assertThat(job.begin(false)).isEqualTo(new JobStep.Ask(Duration.ZERO, "starting"));
        assertThat(job.planRequest(4_325).getReplyPort()).isEqualTo(4_325);

        JobStep step = job.onPlan(plan(PlanAction.PLAN_ACTION_FETCH, peer(SEED, 5_000, SourceClass.SOURCE_CLASS_SEED),
                peer(PEER, 5_001, SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER)).build());

        assertThat(step).isInstanceOf(JobStep.Fetch.class);
        JobStep.Fetch fetch = (JobStep.Fetch) step;
        assertThat(fetch.peers()).extracting(PlannedPeer::deviceId).containsExactly(SEED, PEER);
        assertThat(fetch.peers().get(0).address()).isEqualTo(new InetSocketAddress("127.0.0.1", 5_000));
        assertThat(fetch.origin()).isEmpty();
        assertThat(job.state()).isEqualTo(ContentState.CONTENT_STATE_DOWNLOADING);
    }

    @Test
    void aContentHeldWholeIsVerifiedWithoutAskingAnyone() {
        assertThat(job.begin(true)).isInstanceOf(JobStep.Verify.class);
    }

    @Test
    void ignoresAPlanItDidNotAskForOrThatIsForAnotherContentOrDevice() {
        job.begin(false);
        assertThat(job.onPlan(plan(PlanAction.PLAN_ACTION_FETCH, peer(SEED, 5_000, SourceClass.SOURCE_CLASS_SEED)).build()))
                .isInstanceOf(JobStep.Ignore.class);

        job.planRequest(0);
        assertThat(job.onPlan(plan(PlanAction.PLAN_ACTION_FETCH, peer(SEED, 5_000, SourceClass.SOURCE_CLASS_SEED))
                .setContentId("other").build())).isInstanceOf(JobStep.Ignore.class);
        assertThat(job.onPlan(plan(PlanAction.PLAN_ACTION_FETCH, peer(SEED, 5_000, SourceClass.SOURCE_CLASS_SEED))
                .setDeviceId(OTHER.toString()).build())).isInstanceOf(JobStep.Ignore.class);
        assertThat(job.onPlan(plan(PlanAction.PLAN_ACTION_FETCH, peer(SEED, 5_000, SourceClass.SOURCE_CLASS_SEED)).build()))
                .isInstanceOf(JobStep.Fetch.class);
        // the answer was taken: a second copy of the plan is not a new instruction
        assertThat(job.onPlan(plan(PlanAction.PLAN_ACTION_FETCH, peer(SEED, 5_000, SourceClass.SOURCE_CLASS_SEED)).build()))
                .isInstanceOf(JobStep.Ignore.class);
    }

    @Test
    void goesToTheOriginOnlyWhenTheFetchPlanNamesItAndOnlyAfterItsPeers() {
        job.begin(false);
        job.planRequest(0);
        JobStep.Fetch fetch = (JobStep.Fetch) job.onPlan(plan(PlanAction.PLAN_ACTION_FETCH,
                peer(PEER, 5_001, SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER), origin("http://cdn.example/app-7")).build());
        assertThat(fetch.origin()).contains(URI.create("http://cdn.example/app-7"));

        JobStep next = job.afterPeers(result(false, 1, report(PEER, SourceOutcome.NOT_HELD, 1_000)), fetch.peers());

        assertThat(next).isEqualTo(new JobStep.FetchOrigin(URI.create("http://cdn.example/app-7")));
        assertThat(job.afterOrigin(new OriginFetcher.Result(1_600, 1_500, 2, 0, 1, 0), true))
                .isInstanceOf(JobStep.Verify.class);
    }

    @Test
    void aWaitPlanNeverLeadsToTheOriginAndItsHoldersAreCopiedWhileWaiting() {
        job.begin(false);
        job.planRequest(0);
        JobStep step = job.onPlan(plan(PlanAction.PLAN_ACTION_WAIT, peer(PEER, 5_001, SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER),
                origin("http://cdn.example/app-7")).setRetryAfterMs(30_000).build());

        assertThat(step).isEqualTo(new JobStep.Fetch(List.of(new PlannedPeer(PEER, new InetSocketAddress("127.0.0.1", 5_001),
                SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER)), java.util.Optional.empty()));
        assertThat(job.state()).isEqualTo(ContentState.CONTENT_STATE_PENDING);
        JobStep next = job.afterPeers(result(false, 1, report(PEER, SourceOutcome.NOT_HELD, 1_000)),
                ((JobStep.Fetch) step).peers());
        // it copied a piece: the office's holders may have more soon, so it asks after the first pause, not the 30 s
        assertThat(next).isInstanceOf(JobStep.Ask.class);
        assertThat(((JobStep.Ask) next).pause()).isEqualTo(Duration.ofSeconds(1));

        job.planRequest(0);
        JobStep again = job.onPlan(plan(PlanAction.PLAN_ACTION_WAIT, peer(PEER, 5_001, SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER))
                .setRetryAfterMs(30_000).build());
        JobStep nothing = job.afterPeers(result(false, 0, report(PEER, SourceOutcome.NOT_HELD, 0)),
                ((JobStep.Fetch) again).peers());
        assertThat(((JobStep.Ask) nothing).pause()).as("a round that copied nothing waits as the plan says")
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aWaitPlanWithoutSourcesAsksAgainAfterItsRetryAfter() {
        job.begin(false);
        job.planRequest(0);

        JobStep step = job.onPlan(plan(PlanAction.PLAN_ACTION_WAIT).setRetryAfterMs(5_000).build());

        assertThat(step).isInstanceOf(JobStep.Ask.class);
        assertThat(((JobStep.Ask) step).pause()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aPlanNamingNoUsablePeerStillGetsARoundWithTheSubnetsHoldersWhenTheSubnetIsAsked() {
        job.begin(false);
        job.planRequest(0);

        JobStep waiting = job.onPlan(plan(PlanAction.PLAN_ACTION_WAIT).setRetryAfterMs(5_000).build(), true);

        assertThat(waiting).isEqualTo(new JobStep.Fetch(List.of(), Optional.empty()));
        JobStep nobody = job.nobodyToCopyFrom();
        assertThat(nobody).isInstanceOf(JobStep.Ask.class);
        assertThat(((JobStep.Ask) nobody).pause()).as("the WAIT plan's retry-after").isEqualTo(Duration.ofSeconds(5));
        assertThat(job.lastProblem()).isEmpty();

        job.planRequest(0);
        // a FETCH plan naming only this agent itself: no usable peer, no origin
        assertThat(job.onPlan(plan(PlanAction.PLAN_ACTION_FETCH, peer(ME, 5_000, SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER))
                .build(), true)).isEqualTo(new JobStep.Fetch(List.of(), Optional.empty()));
        assertThat(((JobStep.Ask) job.nobodyToCopyFrom()).pause()).as("a fruitless FETCH round's pause")
                .isEqualTo(PACING.first());

        job.planRequest(0);
        assertThat(job.onPlan(plan(PlanAction.PLAN_ACTION_BLOCKED).setRetryAfterMs(5_000).build(), true))
                .as("a BLOCKED plan copies from nobody").isInstanceOf(JobStep.Ask.class);
        job.planRequest(0);
        assertThat(job.onPlan(plan(PlanAction.PLAN_ACTION_WAIT).setRetryAfterMs(5_000).build(), false))
                .as("a Wi-Fi office's agent waits as the plan says").isInstanceOf(JobStep.Ask.class);
        job.planRequest(0);
        assertThat(job.onPlan(plan(PlanAction.PLAN_ACTION_FETCH, origin("https://cdn.example/app-7")).build(), true))
                .as("the origin stays the plan's: the runner asks the subnet first, then the origin")
                .isEqualTo(new JobStep.Fetch(List.of(), Optional.of(URI.create("https://cdn.example/app-7"))));
    }

    @Test
    void bytesFromAHolderFoundOnTheSubnetAreCountedAsSameOfficePeer() {
        job.begin(false);
        job.planRequest(0);
        job.onPlan(plan(PlanAction.PLAN_ACTION_WAIT).build(), true);
        PlannedPeer found = new PlannedPeer(PEER, new InetSocketAddress("127.0.0.1", 5_001),
                SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER, PieceBitmap.of(3, 0, 2));

        JobStep next = job.afterPeers(result(false, 2, report(PEER, SourceOutcome.OK, 2_000)), List.of(found));

        assertThat(next).isInstanceOf(JobStep.Ask.class);
        assertThat(job.report(2_000, false, "stopped").getBytesBySourceList()).containsExactly(SourceBytes.newBuilder()
                .setSourceClass(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER).setBytes(2_000).build());
        assertThat(found.toFetchSource().pieces()).as("only the pieces its reply named are asked of it")
                .isEqualTo(BitSet.valueOf(new byte[] {0b101}));
        assertThat(new PlannedPeer(SEED, new InetSocketAddress("127.0.0.1", 5_000), SourceClass.SOURCE_CLASS_SEED)
                .toFetchSource().pieces()).as("a planned peer: every piece").isNull();
    }

    @Test
    void badAndUnreachablePeersAreAvoidedInTheNextRequestAndBadOnesReported() {
        job.begin(false);
        job.planRequest(0);
        JobStep.Fetch fetch = (JobStep.Fetch) job.onPlan(plan(PlanAction.PLAN_ACTION_FETCH,
                peer(PEER, 5_001, SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER),
                peer(OTHER, 5_002, SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER),
                peer(SEED, 5_000, SourceClass.SOURCE_CLASS_SEED)).build());

        JobStep next = job.afterPeers(result(false, 1, report(PEER, SourceOutcome.BAD, 0),
                report(OTHER, SourceOutcome.UNREACHABLE, 0), report(SEED, SourceOutcome.BUSY, 1_000)), fetch.peers());

        assertThat(next).isEqualTo(new JobStep.Ask(Duration.ZERO, "the peers left 2 pieces missing"));
        assertThat(job.planRequest(0).getAvoidDeviceIdsList()).containsExactly(PEER.toString(), OTHER.toString());
        // a plan naming an avoided peer anyway: it is not asked again
        JobStep again = job.onPlan(plan(PlanAction.PLAN_ACTION_FETCH, peer(PEER, 5_001, SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER),
                peer(SEED, 5_000, SourceClass.SOURCE_CLASS_SEED)).build());
        assertThat(((JobStep.Fetch) again).peers()).extracting(PlannedPeer::deviceId).containsExactly(SEED);

        TransferReport report = job.report(2_000, false, "stopped");
        assertThat(report.getBadPeerIdsList()).containsExactly(PEER.toString());
        assertThat(report.getBadPieces()).isEqualTo(1);
        assertThat(report.getFailureDetail()).isEqualTo("stopped");
    }

    @Test
    void roundsThatBringNothingPauseLongerEachTimeUpToTheCap() {
        job.begin(false);
        List<Duration> pauses = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            job.planRequest(0);
            JobStep step = job.afterFailure("no SOURCE_PLAN within 10000 ms");
            pauses.add(((JobStep.Ask) step).pause());
        }
        assertThat(pauses).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 8L, 8L);
        assertThat(job.lastProblem()).isEqualTo("no SOURCE_PLAN within 10000 ms");
    }

    @Test
    void aPlansBackgroundSourcesAreFetchedOverTheWanAndCountedUnderTheirClass() {
        job.begin(false);
        job.planRequest(0);
        PlannedSource background = peer(PEER, 34_750, SourceClass.SOURCE_CLASS_PARENT_OFFICE_PEER).toBuilder()
                .setProtocol(SourceProtocol.SOURCE_PROTOCOL_BACKGROUND).build();

        JobStep step = job.onPlan(plan(PlanAction.PLAN_ACTION_FETCH, background).build());

        assertThat(step).isEqualTo(new JobStep.Fetch(List.of(new PlannedPeer(PEER, new InetSocketAddress("127.0.0.1",
                34_750), SourceClass.SOURCE_CLASS_PARENT_OFFICE_PEER, null, true)), java.util.Optional.empty()));
    }

    @Test
    void aWholeThatDoesNotVerifyIsFetchedAgainAndOneThatDoesCompletesTheJob() {
        job.begin(true);
        JobStep again = job.afterVerify(new PieceStore.WholeCheck("app-7", false, "aa", "bb", List.of(1)));
        assertThat(again).isInstanceOf(JobStep.Ask.class);
        assertThat(job.lastProblem()).contains("pieces [1] fetched again");

        assertThat(job.afterVerify(new PieceStore.WholeCheck("app-7", true, "bb", "bb", List.of())))
                .isInstanceOf(JobStep.Complete.class);
        assertThat(job.state()).isEqualTo(ContentState.CONTENT_STATE_CACHED);
    }

    @Test
    void theTransferReportCountsBytesBySourceClass() {
        job.begin(false);
        job.planRequest(0);
        JobStep.Fetch fetch = (JobStep.Fetch) job.onPlan(plan(PlanAction.PLAN_ACTION_FETCH,
                peer(SEED, 5_000, SourceClass.SOURCE_CLASS_SEED), peer(PEER, 5_001, SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER),
                origin("http://cdn.example/app-7")).build());
        job.afterPeers(result(false, 2, report(SEED, SourceOutcome.OK, 1_000), report(PEER, SourceOutcome.OK, 1_000)),
                fetch.peers());
        job.afterOrigin(new OriginFetcher.Result(500, 500, 1, 0, 1, 0), true);

        TransferReport report = job.report(3_000, true, "");

        assertThat(report.getBytesBySourceList()).containsExactlyInAnyOrder(
                SourceBytes.newBuilder().setSourceClass(SourceClass.SOURCE_CLASS_SEED).setBytes(1_000).build(),
                SourceBytes.newBuilder().setSourceClass(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER).setBytes(1_000).build(),
                SourceBytes.newBuilder().setSourceClass(SourceClass.SOURCE_CLASS_ORIGIN).setBytes(500).build());
        assertThat(report.getCompleted()).isTrue();
        assertThat(report.getFailureDetail()).isEmpty();
        assertThat(report.getContentId()).isEqualTo("app-7");
        assertThat(report.getDeploymentId()).isEqualTo(DEPLOYMENT);
        assertThat(report.getStartedUnixMs()).isEqualTo(1_000);
        assertThat(report.getFinishedUnixMs()).isEqualTo(3_000);
        assertThat(dev.cascade.wire.PayloadDecoder.decode(dev.cascade.wire.MessageType.TRANSFER_REPORT, report.toByteArray()))
                .isInstanceOf(dev.cascade.wire.DecodedPayload.Valid.class);
    }
}
