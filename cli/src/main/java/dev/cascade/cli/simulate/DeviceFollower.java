package dev.cascade.cli.simulate;

import static dev.cascade.cli.simulate.ControlPlaneLedger.Message;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.SourceProtocol;
import dev.cascade.topology.model.OfficeKind;
import dev.cascade.topology.planner.Plan;
import dev.cascade.topology.planner.Source;

/**
 * What each agent does with a deployment, as the reference agent's {@code DeploymentJob} and {@code JobRunner} do
 * (architecture.md, "How a deployment is followed"): on the notice it reports PENDING and asks for a plan; it reports
 * DOWNLOADING for a FETCH plan and PENDING for a WAIT plan; it copies from the plan's peers (and, in a Standard office,
 * from the holders its subnet names), from the office first, over the WAN only for pieces its office's sources lack, as
 * the pieces arrive at them; it reports its pieces at most every 2 s while it fetches and after each round; a round that
 * brought pieces asks again at once (FETCH) or after 1 s (WAIT), one that brought none after the plan's retry-after
 * (WAIT, BLOCKED) or 1 s doubling to 1 min (FETCH); holding every piece it reports CACHED and sends its TRANSFER_REPORT.
 */
final class DeviceFollower {

    static final double GROWTH_WAIT_S = 5;
    static final double BUSY_GIVE_UP_S = 20;
    static final double COPIED_WAIT_RETRY_S = 1;
    static final double EMPTY_ROUND_MAX_S = 60;
    /** Holders a subnet's DISCOVER adds to a round at most (the answers are budgeted, protocol.md §12.5). */
    static final int SUBNET_HOLDERS = 16;
    /** PLAN_REQUEST, INVENTORY_REPORT (one content), TRANSFER_REPORT payloads, about. */
    static final int PLAN_REQUEST_BYTES = 60;
    static final int TRANSFER_REPORT_BYTES = 140;
    /**
     * A SOURCE_PLAN's payload is at most 64 sources of about 300 bytes and a 4 096-character explanation: always one
     * datagram from the gateway (up to 65 427 bytes, protocol.md §14), so its exact size does not change the count.
     */
    static final int SOURCE_PLAN_BYTES = 4_000;

    private final FleetSettings settings;
    private final EventQueue queue;
    private final EqualShareNetwork network;
    private final FleetPlanner planner;
    private final ControlPlaneLedger ledger;
    private final SecondCounts plannerSeconds;
    private final Map<String, FleetDevice> byId;
    private final int pieces;
    private final int noticeBytes;
    private final WanPullCauses causes;
    private final InventoryReports reports;
    private int completed;

    DeviceFollower(FleetSettings settings, EventQueue queue, FleetPlanner planner, ControlPlaneLedger ledger,
                   SecondCounts plannerSeconds, Map<String, FleetDevice> byId) {
        this.settings = settings;
        this.queue = queue;
        this.network = new EqualShareNetwork(queue);
        queue.onCompleted(this::arrived);
        this.planner = planner;
        this.ledger = ledger;
        this.plannerSeconds = plannerSeconds;
        this.byId = byId;
        this.pieces = settings.pieceCount();
        this.noticeBytes = 200 + 32 * pieces; // the content's metadata with every piece hash
        this.causes = new WanPullCauses(byId);
        this.reports = new InventoryReports(queue, ledger, pieces);
    }

    int completed() {
        return completed;
    }

    long transfers() {
        return network.started();
    }

    /** The DEPLOYMENT_NOTICE reaches {@code device}. */
    void notice(FleetDevice device) {
        device.noticed = true;
        device.noticeAt = queue.now();
        ledger.count(Message.DEPLOYMENT_NOTICE, queue.now(), noticeBytes);
        device.state = ContentState.CONTENT_STATE_PENDING;
        reports.report(device);
        queue.after(0, () -> ask(device));
    }

    private void ask(FleetDevice device) {
        if (device.holdsAll(pieces)) {
            return;
        }
        double now = queue.now();
        ledger.count(Message.PLAN_REQUEST, now, PLAN_REQUEST_BYTES);
        plannerSeconds.add(now, 1);
        Plan plan = planner.plan(device, now);
        ledger.count(Message.SOURCE_PLAN, now, SOURCE_PLAN_BYTES);
        causes.note(device, plan);
        queue.after(settings.planLatency().toNanos() / 1e9, () -> take(device, plan));
    }

    private void take(FleetDevice device, Plan plan) {
        PlanAction action = plan.action();
        device.state = action == PlanAction.PLAN_ACTION_FETCH ? ContentState.CONTENT_STATE_DOWNLOADING
                : ContentState.CONTENT_STATE_PENDING;
        reports.report(device);
        List<FleetDevice> lan = new ArrayList<>();
        List<FleetDevice> wan = new ArrayList<>();
        boolean origin = false;
        for (Source source : plan.sources()) {
            if (source.isOrigin()) {
                origin = action == PlanAction.PLAN_ACTION_FETCH;
            } else {
                FleetDevice peer = byId.get(source.deviceId());
                (source.protocol() == SourceProtocol.SOURCE_PROTOCOL_BACKGROUND ? wan : lan).add(peer);
            }
        }
        if (action != PlanAction.PLAN_ACTION_BLOCKED && device.office.node.kind() == OfficeKind.STANDARD) {
            subnetHolders(device, lan);
        }
        double retry = plan.retryAfterMs() / 1000.0;
        if (action == PlanAction.PLAN_ACTION_BLOCKED || (lan.isEmpty() && wan.isEmpty() && !origin)) {
            device.pullsOverWan = false;
            queue.after(action == PlanAction.PLAN_ACTION_FETCH ? emptyRoundPause(device) : retry, () -> ask(device));
            return;
        }
        device.round = new FetchRound(action, lan, wan, origin, plan.retryAfterMs());
        fill(device);
    }

    /** The holders of its office that answer its DISCOVER (not the seed: its library is not announced). */
    private void subnetHolders(FleetDevice device, List<FleetDevice> lan) {
        List<FleetDevice> found = new ArrayList<>();
        for (FleetDevice peer : device.office.devices) {
            if (peer != device && !peer.seed && peer.heldCount > 0 && !lan.contains(peer)) {
                found.add(peer);
            }
        }
        found.sort(Comparator.comparingInt((FleetDevice peer) -> -peer.heldCount).thenComparingInt(peer -> peer.index));
        lan.addAll(found.subList(0, Math.min(found.size(), SUBNET_HOLDERS)));
    }

    /** Starts transfers up to its parallel limit; with none running it waits for its sources or gives the round up. */
    private void fill(FleetDevice device) {
        FetchRound round = device.round;
        if (round == null) {
            return;
        }
        while (device.inFlightCount < settings.fetchParallel() && startOne(device, round)) {
            // one more transfer started
        }
        if (device.inFlightCount == 0 && device.waitingEpoch != device.epoch) {
            device.waitingEpoch = device.epoch;
            for (FleetDevice source : round.lan) {
                device.waitFor(source);
            }
            for (FleetDevice source : round.wan) {
                device.waitFor(source);
            }
            int epoch = device.epoch;
            double since = queue.now();
            queue.after(GROWTH_WAIT_S, () -> checkStalled(device, round, epoch, since));
        }
    }

    private boolean startOne(FleetDevice device, FetchRound round) {
        for (FleetDevice source : round.lan) {
            if (free(device, source)) {
                int piece = device.wantedFrom(source, pieces, null);
                if (piece >= 0) {
                    start(device, source, piece);
                    return true;
                }
            }
        }
        long[] inOffice = null;
        for (FleetDevice source : round.wan) {
            if (free(device, source)) {
                inOffice = inOffice == null ? union(round.lan, null) : inOffice;
                int piece = device.wantedFrom(source, pieces, inOffice);
                if (piece >= 0) {
                    start(device, source, piece);
                    return true;
                }
            }
        }
        if (round.origin && !device.fetchingFrom.contains(null)) {
            int piece = device.wantedFrom(null, pieces, union(round.wan, union(round.lan, null)));
            if (piece >= 0) {
                start(device, null, piece);
                return true;
            }
        }
        return false;
    }

    private boolean free(FleetDevice device, FleetDevice source) {
        int uploads = device.overWanFrom(source) ? source.wanUploads : source.lanUploads;
        return uploads < settings.uploadSlots() && !device.fetchingFrom.contains(source);
    }

    private long[] union(List<FleetDevice> sources, long[] into) {
        long[] bits = into == null ? new long[(pieces + 63) / 64] : into;
        for (FleetDevice source : sources) {
            for (int word = 0; word < bits.length; word++) {
                bits[word] |= source.held[word];
            }
        }
        return bits;
    }

    private void start(FleetDevice device, FleetDevice source, int piece) {
        device.inFlight[piece >>> 6] |= 1L << piece;
        device.inFlightCount++;
        device.fetchingFrom.add(source);
        device.epoch++;
        if (source != null) {
            if (device.overWanFrom(source)) {
                source.wanUploads++;
            } else {
                source.lanUploads++;
            }
        }
        network.start(new Transfer(device, source, piece, TransferPaths.path(source, device), settings.pieceLength(piece)));
    }

    /** A piece arrived: the receiver holds it, the source's slot is free. */
    private void arrived(Transfer transfer) {
        network.finish(transfer);
        TransferPaths.book(transfer);
        FleetDevice device = transfer.receiver;
        device.inFlight[transfer.piece >>> 6] &= ~(1L << transfer.piece);
        device.inFlightCount--;
        device.fetchingFrom.remove(transfer.source);
        device.hold(transfer.piece);
        device.round.copied++;
        if (transfer.source != null) {
            if (device.overWanFrom(transfer.source)) {
                transfer.source.wanUploads--;
            } else {
                transfer.source.lanUploads--;
            }
        }
        if (device.holdsAll(pieces)) {
            complete(device);
        } else {
            reports.progress(device);
            fill(device);
        }
        if (transfer.source != null) {
            wake(transfer.source, -1);
        }
        wake(device, transfer.piece);
    }

    /**
     * {@code source} gained {@code piece} (or, with -1, freed an upload slot): its waiters that want it try, in the
     * order they came, while it has a free slot.
     */
    private void wake(FleetDevice source, int piece) {
        WaiterList waiters = source.waiters;
        waiters.waking = true;
        for (int i = 0; i < waiters.size() && (source.lanUploads < settings.uploadSlots()
                || source.wanUploads < settings.uploadSlots()); i++) {
            FleetDevice waiter = waiters.live(i);
            if (waiter != null && waiter.inFlightCount == 0 && free(waiter, source)
                    && (piece >= 0 ? waiter.wants(piece) : waiter.wantedFrom(source, pieces, null) >= 0)) {
                fill(waiter);
            }
        }
        waiters.waking = false;
        waiters.compact();
    }

    /**
     * Nothing started for a while: wait on while a source gains pieces; while sources only hold wanted pieces but are
     * busy, wait up to {@link #BUSY_GIVE_UP_S} (the agent drops a source after 10 BUSY answers 2 s apart); else end.
     */
    private void checkStalled(FleetDevice device, FetchRound round, int epoch, double stalledSince) {
        if (device.round != round || device.epoch != epoch) {
            return;
        }
        boolean wait = round.anySourceGrowing();
        if (!wait && queue.now() - stalledSince < BUSY_GIVE_UP_S) {
            for (int i = 0; !wait && i < round.lan.size() + round.wan.size(); i++) {
                FleetDevice source = i < round.lan.size() ? round.lan.get(i) : round.wan.get(i - round.lan.size());
                wait = device.wantedFrom(source, pieces, null) >= 0;
            }
        }
        if (wait) {
            queue.after(GROWTH_WAIT_S, () -> checkStalled(device, round, epoch, stalledSince));
        } else {
            endRound(device);
        }
    }

    private void endRound(FleetDevice device) {
        FetchRound round = device.round;
        device.round = null;
        device.epoch++;
        device.pullsOverWan = false;
        reports.report(device);
        double pause;
        if (round.copied > 0) {
            device.emptyRounds = 0;
            pause = round.action == PlanAction.PLAN_ACTION_FETCH ? 0 : COPIED_WAIT_RETRY_S;
        } else {
            pause = round.action == PlanAction.PLAN_ACTION_FETCH ? emptyRoundPause(device) : round.retryAfterMs / 1000.0;
        }
        queue.after(pause, () -> ask(device));
    }

    /** 1 s, doubling after each round that brought nothing, at most 1 min. */
    private static double emptyRoundPause(FleetDevice device) {
        return Math.min(EMPTY_ROUND_MAX_S, Math.scalb(1.0, Math.min(6, device.emptyRounds++)));
    }

    private void complete(FleetDevice device) {
        device.completedAt = queue.now();
        device.state = ContentState.CONTENT_STATE_CACHED;
        device.round = null;
        device.epoch++;
        device.pullsOverWan = false;
        reports.report(device);
        ledger.count(Message.TRANSFER_REPORT, queue.now(), TRANSFER_REPORT_BYTES);
        completed++;
    }
}
