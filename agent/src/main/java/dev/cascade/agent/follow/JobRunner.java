package dev.cascade.agent.follow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.cascade.agent.content.BadPieceException;
import dev.cascade.agent.content.CacheFullException;
import dev.cascade.agent.content.InstallAction;
import dev.cascade.agent.content.OriginException;
import dev.cascade.agent.content.OriginFetcher;
import dev.cascade.agent.content.PieceStore;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.wire.transfer.FetchResult;
import dev.cascade.wire.transfer.FetchSettings;
import dev.cascade.wire.transfer.PieceFetcher;
import dev.cascade.wire.transfer.PieceSink;

/**
 * Runs one {@link DeploymentJob} on its own thread: does each step the job asks for (plan requests, peer and
 * origin fetches, verification, installation) and reports as it goes — INVENTORY_REPORT when the content's state or
 * pieces changed, before asking again, and TRANSFER_REPORT when it ends. {@link #stop} ends it at its next step;
 * the pieces verified until then stay in the cache, and the journal keeps the deployment for the next start.
 */
final class JobRunner implements Runnable {

    /** How often a running fetch tells the server its pieces (INVENTORY_REPORT), at most. */
    static final Duration PROGRESS_REPORT_INTERVAL = Duration.ofSeconds(2);
    /** The detail of a content whose background download the WAN's other traffic holds back. */
    static final String WAN_BUSY = "paused: WAN busy";

    private final DeploymentJob job;
    private final JobContext context;
    private final BlockingQueue<SourcePlan> plans = new LinkedBlockingQueue<>();
    private volatile boolean stopped;
    private volatile PieceFetcher fetching;
    private volatile Thread thread;
    private volatile InventoryReporter.Status status;
    private volatile boolean ended;
    private volatile boolean failed;
    private volatile boolean wanBusy;
    private ContentState reportedState;
    private int reportedPieces = -1;

    JobRunner(DeploymentJob job, JobContext context) {
        this.job = job;
        this.context = context;
        this.status = new InventoryReporter.Status(job.notice().getDeploymentId(), ContentState.CONTENT_STATE_PENDING, "");
    }

    DeploymentJob job() {
        return job;
    }

    /** A SOURCE_PLAN for this content arrived (the listener's thread): the job decides whether it answers its request. */
    void offer(SourcePlan plan) {
        plans.offer(plan);
    }

    /** The state to report for this content now. */
    InventoryReporter.Status status() {
        return status;
    }

    /** Whether the job ended (completed or failed). */
    boolean ended() {
        return ended;
    }

    /** Whether it ended in failure (a new notice may start it again). */
    boolean failed() {
        return failed;
    }

    /** Ends the job at its next step (a running fetch is cancelled; nothing verified is lost). */
    void stop() {
        stopped = true;
        PieceFetcher fetcher = fetching;
        if (fetcher != null) {
            fetcher.cancel();
        }
        Thread running = thread;
        if (running != null) {
            running.interrupt(); // wakes a pause or a wait for the plan; the piece store sets a pending interrupt aside
        }
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        try {
            follow();
        } catch (InterruptedException e) {
            // stopped
        } catch (RuntimeException e) {
            if (!stopped) {
                fail(e.getMessage() == null ? e.toString() : e.getMessage());
            }
        }
        if (stopped && !ended) {
            abandoned();
        }
    }

    /**
     * Stopped before the end (the agent shuts down): a TRANSFER_REPORT of what this run moved, so the statistics keep
     * its bytes (the next start resumes with a new transfer and reports only its own). Nothing moved, nothing sent.
     */
    private void abandoned() {
        if (!job.movedBytes()) {
            return;
        }
        Thread.interrupted(); // the stop's interrupt must not cut the report short
        PieceStore store = context.cache().find(job.manifest().contentId()).orElse(null);
        String held = store == null ? "" : " with " + store.held().heldCount() + " of " + job.manifest().pieceCount()
                + " pieces verified";
        send(job.report(context.clock().millis(), false, "stopped: the agent shut down" + held
                + "; it resumes at its next start"));
    }

    private void follow() throws InterruptedException {
        String contentId = job.manifest().contentId();
        PieceStore store;
        try {
            store = context.cache().start(job.manifest());
        } catch (CacheFullException | IllegalArgumentException e) {
            fail(e.getMessage());
            return;
        }
        if (store.heldBytes() > 0 && !store.complete()) {
            context.print("content " + contentId + ": resuming with " + store.held().heldCount() + " of "
                    + job.manifest().pieceCount() + " pieces verified in the cache");
        }
        JobStep step = job.begin(store.complete());
        while (!stopped) {
            if (step instanceof JobStep.Ask ask) {
                step = ask(store, ask);
            } else if (step instanceof JobStep.Fetch fetch) {
                step = fetchPeers(store, fetch);
            } else if (step instanceof JobStep.FetchOrigin origin) {
                step = fetchOrigin(store, origin.origin());
            } else if (step instanceof JobStep.Verify) {
                step = job.afterVerify(store.verifyWhole());
            } else if (step instanceof JobStep.Complete) {
                complete(store);
                return;
            } else {
                throw new IllegalStateException("the job asked for " + step);
            }
        }
    }

    private JobStep ask(PieceStore store, JobStep.Ask ask) throws InterruptedException {
        if (!ask.pause().isZero()) {
            String why = ask.why().endsWith(".") ? ask.why().substring(0, ask.why().length() - 1) : ask.why(); // a plan's sentence
            context.print("content " + job.manifest().contentId() + ": " + why + "; asking again in "
                    + ask.pause().toMillis() + " ms");
            Thread.sleep(ask.pause().toMillis());
        }
        reportIfChanged(store, job.state());
        plans.clear(); // a plan that arrived before this request answers an older one
        StringBuilder problem = new StringBuilder();
        if (!context.reports().planRequest(job.planRequest(context.replyPort()), problem::append)) {
            return job.afterFailure("plan request: " + problem);
        }
        long deadline = System.nanoTime() + context.planTimeout().toNanos();
        while (true) {
            SourcePlan plan = plans.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (plan == null) {
                return job.afterFailure("no SOURCE_PLAN within " + context.planTimeout().toMillis() + " ms");
            }
            JobStep next = job.onPlan(plan, context.subnet().asks());
            if (!(next instanceof JobStep.Ignore ignored)) {
                context.print("content " + job.manifest().contentId() + ": plan " + plan.getAction() + " with "
                        + plan.getSourcesCount() + " sources: " + plan.getExplanation());
                reportIfChanged(store, job.state()); // DOWNLOADING for a FETCH plan, PENDING for a WAIT plan
                return next;
            }
            context.print("content " + job.manifest().contentId() + ": a plan ignored: " + ignored.why());
        }
    }

    /**
     * Fetches from the plan's peers: those of this office first (foreground protocol), then, for what is still
     * missing, those of other offices over the WAN (background protocol, which yields the link to other traffic).
     */
    private JobStep fetchPeers(PieceStore store, JobStep.Fetch fetch) throws InterruptedException {
        // Standard and VPN offices ask the subnet before each round: its holders join the plan's peers
        List<PlannedPeer> peers = context.subnet().withHolders(job.manifest(), fetch.peers(), job.avoided(),
                context::print);
        if (peers.isEmpty()) {
            return fetch.origin().<JobStep>map(JobStep.FetchOrigin::new).orElseGet(job::nobodyToCopyFrom);
        }
        dev.cascade.wire.transfer.ContentManifest transfer;
        try {
            transfer = job.manifest().forTransfer();
        } catch (IllegalArgumentException e) {
            return fetch.origin().<JobStep>map(JobStep.FetchOrigin::new).orElseGet(() -> job.afterFailure(e.getMessage()));
        }
        List<PlannedPeer> lan = peers.stream().filter(peer -> !peer.background()).toList();
        List<PlannedPeer> wan = peers.stream().filter(PlannedPeer::background).toList();
        try {
            FetchResult result = null;
            if (!lan.isEmpty()) {
                result = fetchRound(store, transfer, lan, context.fetchSettings());
            }
            if (!stopped && !wan.isEmpty() && (result == null || !result.complete())) {
                FetchResult overWan = fetchRound(store, transfer, wan, context.backgroundFetchSettings());
                result = result == null ? overWan : result.then(overWan);
            }
            if (result == null) {
                return null; // stopped
            }
            JobStep next = job.afterPeers(result, peers);
            reportIfChanged(store, job.state());
            return next;
        } catch (IOException e) {
            return job.afterFailure("peer fetch: " + e.getMessage());
        }
    }

    /** One fetch from {@code peers} with {@code settings}; null when stopped before it began. */
    private FetchResult fetchRound(PieceStore store, dev.cascade.wire.transfer.ContentManifest transfer,
                                   List<PlannedPeer> peers, FetchSettings settings) throws IOException, InterruptedException {
        BitSet held = store.missing();
        held.flip(0, job.manifest().pieceCount());
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(context.bind(), 0))) {
            PieceFetcher fetcher = new PieceFetcher(socket, context.keys().get(), context.deviceId(), context.sequences(),
                    settings, context.clock());
            fetching = fetcher;
            if (stopped) {
                return null;
            }
            ProgressReports progress = new ProgressReports(job.manifest().contentId(), context.inventory(), this::status,
                    PROGRESS_REPORT_INTERVAL, this::wanBusy);
            FetchResult result = fetcher.fetch(transfer, peers.stream().map(PlannedPeer::toFetchSource).toList(), held,
                    sink(store), progress);
            fetching = null;
            progress.awaitIdle();
            if (wanBusy) {
                wanBusy(false);
            }
            context.print(String.format(Locale.ROOT, "content %s: %d pieces from %d peers%s, %d missing%s",
                    job.manifest().contentId(), result.piecesFetched(), peers.size(),
                    peers.get(0).background() ? " over the WAN" : "", result.piecesMissing(),
                    result.sources().stream().filter(s -> !s.detail().isEmpty())
                            .map(s -> "; " + s.deviceId() + " " + s.outcome() + ": " + s.detail())
                            .reduce("", String::concat)));
            return result;
        }
    }

    /**
     * The background protocol found the WAN busy (other traffic holds its window at the minimum) or free again: the
     * content shows PAUSED, "paused: WAN busy", meanwhile (protocol.md §18.5); returns whether to report it now.
     */
    private boolean wanBusy(boolean busy) {
        if (busy == wanBusy) {
            return false;
        }
        wanBusy = busy;
        status = new InventoryReporter.Status(job.notice().getDeploymentId(),
                busy ? ContentState.CONTENT_STATE_PAUSED : job.state(), busy ? WAN_BUSY : "");
        context.print("content " + job.manifest().contentId() + ": " + (busy ? WAN_BUSY
                + " (other traffic fills the link; the download continues at a minimal rate)" : "the WAN is free again"));
        return true;
    }

    private static PieceSink sink(PieceStore store) {
        return (piece, data) -> {
            try {
                store.write(piece, data); // verifies before writing; false when held already, which is fine
                return PieceSink.Verdict.ACCEPTED;
            } catch (BadPieceException e) {
                return PieceSink.Verdict.BAD_PIECE;
            }
        };
    }

    private JobStep fetchOrigin(PieceStore store, URI origin) throws InterruptedException {
        context.print("content " + job.manifest().contentId() + ": fetching " + store.missing().cardinality()
                + " missing pieces from the origin " + origin);
        try {
            OriginFetcher.Result result = context.origin().fetchMissing(store, origin);
            JobStep next = job.afterOrigin(result, store.complete());
            reportIfChanged(store, job.state());
            return next;
        } catch (OriginException | IllegalArgumentException e) {
            return job.afterFailure("origin: " + e.getMessage());
        }
    }

    private void complete(PieceStore store) throws InterruptedException {
        String contentId = job.manifest().contentId();
        ContentState state = ContentState.CONTENT_STATE_CACHED;
        String detail = "";
        InstallAction install = context.install();
        if (context.seed() || !InstallAction.wanted(job.notice().getPolicy())) {
            detail = context.seed() ? "" : "pre-cache only";
        } else if (install == null) {
            detail = "cached; no --install-command to install it with";
        } else {
            try {
                InstallAction.Outcome outcome = install.run(store.dataFile(), contentId);
                state = outcome.succeeded() ? ContentState.CONTENT_STATE_INSTALLED : ContentState.CONTENT_STATE_FAILED;
                detail = outcome.succeeded() ? "" : (outcome.timedOut() ? "the install command timed out: "
                        : "the install command exited " + outcome.exitCode() + ": ") + outcome.output();
            } catch (UncheckedIOException e) {
                state = ContentState.CONTENT_STATE_FAILED;
                detail = e.getMessage();
            }
        }
        context.journal().done(job.notice());
        status = new InventoryReporter.Status(job.notice().getDeploymentId(), state, detail);
        ended = true;
        var report = job.report(context.clock().millis(), true, "");
        context.print("content " + contentId + ": complete and verified (" + state + (detail.isEmpty() ? "" : ", " + detail)
                + "); bytes by source " + report.getBytesBySourceList().stream()
                .map(b -> b.getSourceClass() + "=" + b.getBytes()).toList());
        send(report);
        reportIfChanged(store, state);
    }

    private void fail(String detail) {
        status = new InventoryReporter.Status(job.notice().getDeploymentId(), ContentState.CONTENT_STATE_FAILED, detail);
        failed = true;
        ended = true;
        context.printError("content " + job.manifest().contentId() + ": failed: " + detail);
        send(job.report(context.clock().millis(), false, detail));
        context.inventory().report(job.manifest().contentId(), status);
    }

    private void send(dev.cascade.contracts.v1.TransferReport report) {
        context.reports().transfer(report, problem -> context.printError("transfer report of content "
                + job.manifest().contentId() + ": " + problem));
    }

    /** INVENTORY_REPORT of this content when its state or its verified pieces changed since the last one. */
    private void reportIfChanged(PieceStore store, ContentState state) {
        int pieces = store.held().heldCount();
        if (state == reportedState && pieces == reportedPieces) {
            return;
        }
        if (!ended) {
            status = new InventoryReporter.Status(job.notice().getDeploymentId(), state, "");
        }
        if (context.inventory().report(job.manifest().contentId(), status)) {
            reportedState = state;
            reportedPieces = pieces;
        }
    }
}
