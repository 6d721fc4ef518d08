package dev.cascade.agent.follow;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.cascade.agent.content.ContentManifest;
import dev.cascade.agent.content.SeedLibrary;
import dev.cascade.agent.listener.DeploymentMessages;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.SourcePlan;

/**
 * Follows the deployments the server announces: one {@link JobRunner} per content, started by its
 * DEPLOYMENT_NOTICE (a notice again for a content being followed or completed starts nothing; one whose job failed
 * starts it again), and every SOURCE_PLAN handed to the job of its content. At start it resumes the jobs the
 * {@link DeploymentJournal} says were running, and reports the whole inventory.
 *
 * <p>A seed ({@code --seed --library DIR}) learns from each notice the manifest of a content its library holds and
 * serves it from there at once, without fetching; it remembers the manifests across restarts through the journal.
 * The catalog's manifest is the one served against, so a library file changed after publishing is refused piece
 * by piece rather than passed on.
 */
public final class DeploymentFollower implements DeploymentMessages, AutoCloseable {

    private final JobContext context;
    private final SeedLibrary library;
    private final Map<String, JobRunner> jobs = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();
    private final Set<String> completed = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** {@code library}: the seed's, or null. */
    public DeploymentFollower(JobContext context, SeedLibrary library) {
        this.context = context;
        this.library = library;
    }

    /** Takes up where the last run stopped (completed contents, jobs to resume), then reports the inventory. */
    public void resume() {
        synchronized (this) {
            resumeJobs();
        }
        context.inventory().reportAll(statuses());
    }

    private void resumeJobs() {
        for (DeploymentNotice notice : context.journal().done()) {
            completed.add(notice.getContent().getContentId());
            if (library != null) {
                serveFromLibrary(notice, false);
            }
        }
        context.journal().problems().forEach(context::printError);
        for (DeploymentNotice notice : context.journal().following()) {
            start(notice);
        }
    }

    @Override
    public synchronized void notice(DeploymentNotice notice) {
        String contentId = notice.getContent().getContentId();
        if (closed) {
            return;
        }
        if (library != null && serveFromLibrary(notice, true)) {
            return;
        }
        JobRunner running = jobs.get(contentId);
        if (running != null && !running.failed()) {
            context.print("content " + contentId + ": already " + (running.ended() ? "complete" : "being fetched")
                    + "; the notice of deployment " + notice.getDeploymentId() + " starts nothing new");
            return;
        }
        if (running == null && completed.contains(contentId)) {
            context.print("content " + contentId + ": already complete; the notice starts nothing new");
            return;
        }
        start(notice);
    }

    @Override
    public void plan(SourcePlan plan) {
        JobRunner job = jobs.get(plan.getContentId());
        if (job == null) {
            context.print("content " + plan.getContentId() + ": a plan for a content this agent does not follow; ignored");
            return;
        }
        job.offer(plan);
    }

    private void start(DeploymentNotice notice) {
        String contentId = notice.getContent().getContentId();
        DeploymentJob job;
        try {
            job = new DeploymentJob(notice, context.deviceId(), UUID.randomUUID(), context.clock().millis(),
                    context.pacing());
        } catch (IllegalArgumentException e) {
            context.printError("deployment " + notice.getDeploymentId() + " cannot be followed: " + e.getMessage());
            return;
        }
        context.journal().following(notice);
        JobRunner runner = new JobRunner(job, context);
        Thread thread = new Thread(runner, "deployment-" + contentId);
        thread.setDaemon(true);
        jobs.put(contentId, runner);
        threads.put(contentId, thread);
        context.print("content " + contentId + ": following deployment " + notice.getDeploymentId() + " ("
                + job.manifest().sizeBytes() + " bytes, " + job.manifest().pieceCount() + " pieces)");
        thread.start();
    }

    /** True when the library holds the notice's content (now served from it); {@code announce}: report and log it. */
    private boolean serveFromLibrary(DeploymentNotice notice, boolean announce) {
        ContentManifest manifest;
        try {
            manifest = ContentManifest.from(notice.getContent());
            library.add(manifest);
        } catch (IllegalArgumentException e) {
            if (announce) {
                context.print("content " + notice.getContent().getContentId() + ": not served from the library ("
                        + e.getMessage() + "); fetching it like any peer");
            }
            return false;
        }
        completed.add(manifest.contentId());
        if (announce) {
            context.journal().done(notice);
            context.print("content " + manifest.contentId() + ": served from the library (" + manifest.pieceCount()
                    + " pieces)");
            InventoryReporter.Status cached = new InventoryReporter.Status(notice.getDeploymentId(),
                    ContentState.CONTENT_STATE_CACHED, "");
            // not on the listener's thread: it ACKs the notice only after this returns
            Thread report = new Thread(() -> context.inventory().report(manifest.contentId(), cached),
                    "inventory-" + manifest.contentId());
            report.setDaemon(true);
            report.start();
        }
        return true;
    }

    /** The states of the contents jobs follow, for a full inventory. */
    public Map<String, InventoryReporter.Status> statuses() {
        Map<String, InventoryReporter.Status> statuses = new HashMap<>();
        jobs.forEach((contentId, job) -> statuses.put(contentId, job.status()));
        return statuses;
    }

    /** Whether the job of {@code contentId} ended (for tests and the operator). */
    public boolean ended(String contentId) {
        JobRunner job = jobs.get(contentId);
        return job != null && job.ended();
    }

    /** Stops every job and waits for each (a job ends at its next step; verified pieces stay). */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        jobs.values().forEach(JobRunner::stop);
        for (Thread thread : threads.values()) {
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
