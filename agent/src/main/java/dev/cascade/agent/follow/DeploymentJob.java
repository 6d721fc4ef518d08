package dev.cascade.agent.follow;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.cascade.agent.content.ContentManifest;
import dev.cascade.agent.content.OriginFetcher;
import dev.cascade.agent.content.PieceStore;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.PlannedSource;
import dev.cascade.contracts.v1.SourceBytes;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.contracts.v1.SourceProtocol;
import dev.cascade.contracts.v1.TransferReport;
import dev.cascade.wire.transfer.FetchResult;
import dev.cascade.wire.transfer.SourceReport;

/**
 * The decisions of following one deployment of one content (docs/architecture.md, "How a deployment is followed"),
 * without any I/O: its runner asks it what to do next ({@link JobStep}), does it, and tells it how that went. It asks
 * for a plan; acts only on a plan answering its own request; fetches a FETCH plan's foreground peers, then the origin
 * only when the plan names it (the last resort); copies from a WAIT plan's holders and asks again after the
 * plan's retry-after; avoids, in its next request, every peer that sent a bad piece, was unreachable or refused;
 * and asks again, pausing longer after each round that brought nothing, until every piece is held and the whole
 * content verifies. It counts what TRANSFER_REPORT needs. Not thread-safe: one runner drives it.
 */
public final class DeploymentJob {

    /** At most this many peers are named in avoid_device_ids (protocol.md §15.6). */
    static final int MAX_AVOIDED = 256;
    /** At most this many bad peers are named in a TRANSFER_REPORT (protocol.md §15.6). */
    static final int MAX_BAD_PEERS = 64;

    /** Pauses before asking again after a round that brought nothing: from {@code first}, doubling up to {@code max}. */
    public record Pacing(Duration first, Duration max) {
        public Pacing {
            if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
                throw new IllegalArgumentException("pauses " + first + ".." + max + " must be positive and ordered");
            }
        }

        public static final Pacing DEFAULTS = new Pacing(Duration.ofSeconds(1), Duration.ofMinutes(1));
    }

    private enum Phase { STARTED, ASKING, FOLLOWING, VERIFYING, DONE }

    private final DeploymentNotice notice;
    private final ContentManifest manifest;
    private final UUID deviceId;
    private final UUID transferId;
    private final long startedUnixMs;
    private final Pacing pacing;
    private final Set<UUID> avoided = new LinkedHashSet<>();
    private final Set<UUID> badPeers = new LinkedHashSet<>();
    private final Map<SourceClass, Long> bytesBySource = new EnumMap<>(SourceClass.class);
    private Phase phase = Phase.STARTED;
    private PlanAction action = PlanAction.PLAN_ACTION_UNSPECIFIED;
    private Optional<URI> planOrigin = Optional.empty();
    private Duration retryAfter = Duration.ZERO;
    private int fruitlessRounds;
    private int badPieces;
    private String lastProblem = "";

    /**
     * @param notice   the deployment being followed; its content must be a valid manifest
     * @param deviceId this agent's id: a plan for another device is not ours
     */
    public DeploymentJob(DeploymentNotice notice, UUID deviceId, UUID transferId, long startedUnixMs, Pacing pacing) {
        this.notice = notice;
        this.manifest = ContentManifest.from(notice.getContent());
        this.deviceId = deviceId;
        this.transferId = transferId;
        this.startedUnixMs = startedUnixMs;
        this.pacing = pacing;
    }

    public ContentManifest manifest() {
        return manifest;
    }

    public DeploymentNotice notice() {
        return notice;
    }

    /** The first step, given whether the cache already holds every piece (a resumed or re-announced content). */
    public JobStep begin(boolean complete) {
        if (complete) {
            phase = Phase.VERIFYING;
            return new JobStep.Verify();
        }
        return new JobStep.Ask(Duration.ZERO, "starting");
    }

    /** The PLAN_REQUEST to send now; from here until a plan is taken, a plan answering it is awaited. */
    public PlanRequest planRequest(int replyPort) {
        phase = Phase.ASKING;
        PlanRequest.Builder request = PlanRequest.newBuilder().setContentId(manifest.contentId())
                .setDeploymentId(notice.getDeploymentId()).setReplyPort(replyPort);
        avoided.stream().skip(Math.max(0, avoided.size() - MAX_AVOIDED)) // the most recent ones
                .forEach(id -> request.addAvoidDeviceIds(id.toString()));
        return request.build();
    }

    /** A SOURCE_PLAN arrived for this content; the subnet is not asked (a Wi-Fi office, or discovery off). */
    public JobStep onPlan(SourcePlan plan) {
        return onPlan(plan, false);
    }

    /**
     * A SOURCE_PLAN arrived for this content. {@code subnetAsked}: each peer round asks the subnet for holders too
     * ({@link SubnetHolders}), so a FETCH or WAIT plan naming no usable source still gets a round, with the holders
     * found there only.
     */
    public JobStep onPlan(SourcePlan plan, boolean subnetAsked) {
        if (phase != Phase.ASKING) {
            return new JobStep.Ignore("no plan was asked for");
        }
        if (!plan.getContentId().equals(manifest.contentId()) || !plan.getDeviceId().equals(deviceId.toString())) {
            return new JobStep.Ignore("the plan is for content '" + plan.getContentId() + "' of device "
                    + plan.getDeviceId());
        }
        phase = Phase.FOLLOWING;
        action = plan.getAction();
        retryAfter = Duration.ofMillis(Math.max(0, plan.getRetryAfterMs()));
        List<PlannedPeer> peers = new ArrayList<>();
        Optional<URI> origin = Optional.empty();
        for (PlannedSource source : plan.getSourcesList()) {
            if (source.getProtocol() == SourceProtocol.SOURCE_PROTOCOL_ORIGIN_HTTP) {
                origin = origin.or(() -> Optional.of(URI.create(source.getOriginUrl())));
            } else if (source.getProtocol() == SourceProtocol.SOURCE_PROTOCOL_FOREGROUND
                    || source.getProtocol() == SourceProtocol.SOURCE_PROTOCOL_BACKGROUND) {
                peer(source).filter(p -> !avoided.contains(p.deviceId()) && !p.deviceId().equals(deviceId))
                        .ifPresent(peers::add);
            }
        }
        // only a FETCH plan may send the agent to the origin; a WAIT plan's holders are copied while waiting
        planOrigin = action == PlanAction.PLAN_ACTION_FETCH ? origin : Optional.empty();
        if (peers.isEmpty() && planOrigin.isEmpty()) {
            if (subnetAsked && (action == PlanAction.PLAN_ACTION_FETCH || action == PlanAction.PLAN_ACTION_WAIT)) {
                return new JobStep.Fetch(List.of(), Optional.empty());
            }
            return action == PlanAction.PLAN_ACTION_FETCH
                    ? fruitless("the plan names no source this agent can use (" + plan.getSourcesCount() + " sources)")
                    : new JobStep.Ask(retryAfterAtLeast(pacing.first()), plan.getAction() + ": " + plan.getExplanation());
        }
        return new JobStep.Fetch(peers, planOrigin);
    }

    /** The peers of a {@link JobStep.Fetch} were asked; {@code result} is how it went. */
    public JobStep afterPeers(FetchResult result, List<PlannedPeer> peers) {
        badPieces += result.badPieces();
        for (SourceReport source : result.sources()) {
            SourceClass sourceClass = peers.stream().filter(p -> p.deviceId().equals(source.deviceId())).findFirst()
                    .map(PlannedPeer::sourceClass).orElse(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER);
            count(sourceClass, source.bytes());
            switch (source.outcome()) {
                case BAD -> {
                    badPeers.add(source.deviceId());
                    avoided.add(source.deviceId());
                }
                case UNREACHABLE, REFUSED -> avoided.add(source.deviceId());
                default -> {
                    // OK, BUSY, NOT_HELD: worth asking again in a later plan
                }
            }
            if (!source.detail().isEmpty()) {
                lastProblem = "peer " + source.deviceId() + ": " + source.detail();
            }
        }
        if (result.complete()) {
            return verify();
        }
        if (planOrigin.isPresent()) {
            return new JobStep.FetchOrigin(planOrigin.get());
        }
        return afterRound(result.piecesFetched() > 0, "the peers left " + result.piecesMissing() + " pieces missing");
    }

    /**
     * A round had no peer to ask: the plan named none this agent can use and nobody on the subnet holds a piece. As
     * after a round that brought nothing: a WAIT plan is asked again after its retry-after, a FETCH plan later each time.
     */
    public JobStep nobodyToCopyFrom() {
        return afterRound(false, "no peer in the plan and no holder on the subnet");
    }

    /** The origin was asked; {@code complete}: the store holds every piece now. */
    public JobStep afterOrigin(OriginFetcher.Result result, boolean complete) {
        count(SourceClass.SOURCE_CLASS_ORIGIN, result.bytesReceived()); // what crossed the WAN, corrupt bytes too
        badPieces += result.badPieces();
        return complete ? verify() : afterRound(result.piecesStored() > 0, "the origin left pieces missing");
    }

    /** A round failed ({@code detail} says why: the origin refused, no plan came, the request went unanswered). */
    public JobStep afterFailure(String detail) {
        lastProblem = detail;
        return afterRound(false, detail);
    }

    /** The whole content was read and checked. */
    public JobStep afterVerify(PieceStore.WholeCheck check) {
        if (check.matches()) {
            phase = Phase.DONE;
            return new JobStep.Complete();
        }
        lastProblem = "the whole content has SHA-256 " + check.actualSha256() + ", expected " + check.expectedSha256()
                + "; pieces " + check.unmarkedPieces() + " fetched again";
        phase = Phase.FOLLOWING;
        return afterRound(false, lastProblem);
    }

    private JobStep verify() {
        phase = Phase.VERIFYING;
        fruitlessRounds = 0;
        return new JobStep.Verify();
    }

    private JobStep afterRound(boolean progressed, String why) {
        if (action == PlanAction.PLAN_ACTION_WAIT || action == PlanAction.PLAN_ACTION_BLOCKED) {
            // copying made progress: the office's holders may have more soon, so the next plan is asked for sooner
            return new JobStep.Ask(progressed ? pacing.first() : retryAfterAtLeast(pacing.first()),
                    why + "; waiting as the plan says");
        }
        return progressed ? new JobStep.Ask(Duration.ZERO, why) : fruitless(why);
    }

    private JobStep fruitless(String why) {
        fruitlessRounds++;
        long factor = 1L << Math.min(20, fruitlessRounds - 1);
        Duration pause = pacing.first().multipliedBy(factor);
        return new JobStep.Ask(pause.compareTo(pacing.max()) > 0 ? pacing.max() : pause, why);
    }

    private Duration retryAfterAtLeast(Duration floor) {
        return retryAfter.compareTo(floor) < 0 ? floor : retryAfter;
    }

    private void count(SourceClass sourceClass, long bytes) {
        if (bytes > 0) {
            bytesBySource.merge(sourceClass, bytes, Long::sum);
        }
    }

    /**
     * The holding state the planner must see now (architecture: "a peer reports DOWNLOADING while it follows a FETCH
     * plan and PENDING while it follows a WAIT plan").
     */
    public ContentState state() {
        if (phase == Phase.DONE) {
            return ContentState.CONTENT_STATE_CACHED;
        }
        return action == PlanAction.PLAN_ACTION_FETCH ? ContentState.CONTENT_STATE_DOWNLOADING
                : ContentState.CONTENT_STATE_PENDING;
    }

    /** The peers to name in the next PLAN_REQUEST, oldest first. */
    public List<UUID> avoided() {
        return List.copyOf(avoided);
    }

    /** The last thing that went wrong, in words ("" when nothing did). */
    public String lastProblem() {
        return lastProblem;
    }

    /** Whether this job counted any byte from any source yet. */
    public boolean movedBytes() {
        return bytesBySource.values().stream().anyMatch(bytes -> bytes > 0);
    }

    /** TRANSFER_REPORT of this transfer: completed, or ended for {@code failureDetail}. */
    public TransferReport report(long finishedUnixMs, boolean completed, String failureDetail) {
        TransferReport.Builder report = TransferReport.newBuilder().setTransferId(transferId.toString())
                .setContentId(manifest.contentId()).setDeploymentId(notice.getDeploymentId())
                .setStartedUnixMs(startedUnixMs).setFinishedUnixMs(Math.max(startedUnixMs, finishedUnixMs))
                .setCompleted(completed).setBadPieces(Math.max(badPieces, Math.min(badPeers.size(), MAX_BAD_PEERS)));
        bytesBySource.forEach((sourceClass, bytes) -> report.addBytesBySource(
                SourceBytes.newBuilder().setSourceClass(sourceClass).setBytes(bytes)));
        badPeers.stream().limit(MAX_BAD_PEERS).forEach(id -> report.addBadPeerIds(id.toString()));
        if (!completed) {
            String detail = failureDetail == null || failureDetail.isBlank() ? "ended without a reason" : failureDetail;
            report.setFailureDetail(ReportText.forReport(detail));
        }
        return report.build();
    }

    private static Optional<PlannedPeer> peer(PlannedSource source) {
        try {
            // the listener checked the plan (protocol.md §15.4): an IP literal, never a name to resolve
            InetAddress address = InetAddress.getByName(source.getIpAddress());
            return Optional.of(new PlannedPeer(UUID.fromString(source.getDeviceId()),
                    new InetSocketAddress(address, source.getPort()), source.getSourceClass(), null,
                    source.getProtocol() == SourceProtocol.SOURCE_PROTOCOL_BACKGROUND));
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
