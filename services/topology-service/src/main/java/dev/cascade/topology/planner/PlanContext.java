package dev.cascade.topology.planner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.SourceProtocol;

/**
 * One planning call: the question, the facts grouped by office along the chain, and how sources and
 * plans are written. Candidates outside the chain (an office metadata-service has not re-resolved
 * yet) and inactive ones are left out.
 */
final class PlanContext {

    final PlanQuery query;
    final PeerState requester;
    final ContentInfo content;
    final DeploymentInfo deployment;
    final OfficeChain chain;
    final PlannerSettings settings;
    final Instant now;
    private final List<OfficeCrowd> crowds;

    PlanContext(PlanQuery query, PeerState requester, PlanningFacts facts, OfficeChain chain, PlannerSettings settings, Instant now) {
        this.query = query;
        this.requester = requester;
        this.content = facts.content();
        this.deployment = facts.deployment();
        this.chain = chain;
        this.settings = settings;
        this.now = now;
        this.crowds = new ArrayList<>(chain.size());
        Map<String, OfficeCrowd> byOffice = new HashMap<>();
        for (int level = 0; level < chain.size(); level++) {
            OfficeCrowd crowd = new OfficeCrowd(chain.at(level), level, settings.freeStorageBucketBytes());
            crowds.add(crowd);
            byOffice.putIfAbsent(crowd.office().id(), crowd);
        }
        crowds.get(0).add(requester);
        for (PeerState candidate : facts.candidates()) {
            OfficeCrowd crowd = candidate.officeId() == null ? null : byOffice.get(candidate.officeId());
            if (crowd != null && candidate.active() && !candidate.deviceId().equals(requester.deviceId())) {
                crowd.add(candidate);
            }
        }
    }

    OfficeCrowd home() {
        return crowds.get(0);
    }

    OfficeCrowd crowd(int level) {
        return crowds.get(level);
    }

    int levels() {
        return crowds.size();
    }

    /** Neither the requester nor a peer it asked to avoid. */
    boolean mayServe(PeerState peer) {
        return !peer.deviceId().equals(requester.deviceId()) && !query.avoidDeviceIds().contains(peer.deviceId());
    }

    /**
     * Whether RVP elections count the targeted peers that have not asked yet: within
     * {@link PlannerSettings#untoldWait()} of the deployment (its notices go out when it is made and
     * are resent at the peers' heartbeats), never when its creation time is unknown. Afterwards a
     * targeted peer that still has not asked is not waited for: it may never ask.
     */
    boolean countsUntold() {
        return deployment != null && deployment.createdAt() != null
                && now.isBefore(deployment.createdAt().plus(settings.untoldWait()));
    }

    boolean isSeed(PeerState peer) {
        return settings.isSeed(peer.deviceId());
    }

    /** "office Branch-7" */
    static String office(OfficeNode office) {
        return "office " + office.name();
    }

    /** A peer of the requester's office, over the LAN (foreground protocol). */
    Source lanSource(PeerState peer, String note) {
        boolean seed = isSeed(peer);
        String reason = (seed ? "seed peer " + peer.label() + " (content library)" : "same-office peer " + peer.label())
                + " holds " + content.share(peer.piecesHeld()) + " of the pieces" + busyNote(peer) + note;
        return new Source(peer.deviceId(), peer.hostname(), peer.ipAddress(), settings.foregroundPort(),
                SourceProtocol.SOURCE_PROTOCOL_FOREGROUND, seed ? SourceClass.SOURCE_CLASS_SEED : SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER,
                peer.officeId(), "", reason);
    }

    /** A peer of an office up the chain, over the WAN (background protocol). */
    Source upstreamSource(PeerState peer, int level) {
        boolean seed = isSeed(peer);
        String where = (level == 1 ? "parent " : "ancestor ") + office(chain.at(level));
        String reason = (seed ? "seed peer " + peer.label() + " (content library) of " + where : "peer " + peer.label() + " of " + where)
                + " holds " + content.share(peer.piecesHeld()) + " of the pieces; over the WAN (background protocol)" + busyNote(peer);
        return new Source(peer.deviceId(), peer.hostname(), peer.ipAddress(), settings.backgroundPort(),
                SourceProtocol.SOURCE_PROTOCOL_BACKGROUND, seed ? SourceClass.SOURCE_CLASS_SEED : SourceClass.SOURCE_CLASS_PARENT_OFFICE_PEER,
                peer.officeId(), "", reason);
    }

    /** The CDN or file store over HTTP(S). */
    Source originSource(String why) {
        return new Source("", "", "", 0, SourceProtocol.SOURCE_PROTOCOL_ORIGIN_HTTP, SourceClass.SOURCE_CLASS_ORIGIN, "",
                content.originUrl(), "origin (CDN or file store) " + content.originUrl() + ": " + why);
    }

    /** At most {@code maxSources} of {@code peers} as LAN sources. */
    List<Source> lanSources(List<PeerState> peers) {
        List<Source> sources = new ArrayList<>(Math.min(peers.size(), settings.maxSources()));
        for (PeerState peer : peers.subList(0, Math.min(peers.size(), settings.maxSources()))) {
            sources.add(lanSource(peer, ""));
        }
        return sources;
    }

    List<Source> upstreamSources(List<PeerState> peers, int level) {
        List<Source> sources = new ArrayList<>(Math.min(peers.size(), settings.maxSources()));
        for (PeerState peer : peers.subList(0, Math.min(peers.size(), settings.maxSources()))) {
            sources.add(upstreamSource(peer, level));
        }
        return sources;
    }

    Plan plan(PlanAction action, List<Source> sources, String explanation, boolean rvp, Plan.OriginUse originUse) {
        long retry = switch (action) {
            case PLAN_ACTION_WAIT -> settings.waitRetry().toMillis();
            case PLAN_ACTION_BLOCKED -> settings.blockedRetry().toMillis();
            default -> 0;
        };
        return plan(action, sources, explanation, retry, rvp, originUse);
    }

    Plan plan(PlanAction action, List<Source> sources, String explanation, long retryAfterMs, boolean rvp, Plan.OriginUse originUse) {
        return new Plan(requester.deviceId(), content.contentId(), chain.home().id(), chain.home().kind(), action, sources, explanation, retryAfterMs, rvp,
                chain.topologyRevision(), originUse);
    }

    private static String busyNote(PeerState peer) {
        return peer.busy() ? " (busy: every upload slot taken, so tried after idle peers)" : "";
    }
}
