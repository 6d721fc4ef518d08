package dev.cascade.topology.service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.topology.client.PlanningStates;
import dev.cascade.topology.config.PlannerConfig;
import dev.cascade.topology.model.OfficeResolver;
import dev.cascade.topology.planner.OfficeChain;
import dev.cascade.topology.planner.OfficeNode;
import dev.cascade.topology.planner.PeerState;
import dev.cascade.topology.planner.Plan;
import dev.cascade.topology.planner.PlanQuery;
import dev.cascade.topology.planner.PlanningException;
import dev.cascade.topology.planner.PlanningFacts;
import dev.cascade.topology.planner.SourcePlanner;
import dev.cascade.topology.planner.UnknownPeerException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * One plan, end to end: asks metadata-service for the requester (to learn its office), takes the
 * office and its ancestors from the topology snapshot, asks metadata-service again for the active
 * peers of those offices with their holdings, and lets the {@link SourcePlanner} decide. Counts plans
 * by action, origin use and refusal, and times each.
 *
 * <p>Two calls, because only metadata-service knows the requester's office and only this service knows
 * the office's ancestors; the first call names no office and so carries no candidates. When
 * metadata-service has no office for the requester yet (pending), or one the snapshot no longer has,
 * the requester's address is resolved against the snapshot.
 */
@ApplicationScoped
@Startup
public class SourcePlanning {

    @Inject
    PlanningStates states;

    @Inject
    OfficeDirectory directory;

    @Inject
    PlannerConfig config;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private SourcePlanner planner;
    private Timer latency;

    /** At creation, not on StartupEvent: messaging and the scheduler start before its observers and may call first. */
    @PostConstruct
    void init() {
        planner = new SourcePlanner(config.settings());
        latency = Timer.builder("cascade_planner_planning").description("Time to make one plan, metadata-service calls included")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    /**
     * @throws PlanningException                              for an unknown peer or content, or a content not deployed to the peer
     * @throws PlanningStates.PlanningStateUnavailable        when metadata-service does not answer
     */
    public Plan plan(PlanQuery query) {
        Timer.Sample sample = Timer.start(registry);
        try {
            Plan plan = planOnce(query);
            Counter.builder("cascade_planner_plans_total").tag("action", actionName(plan.action()))
                    .description("Plans made, by action").register(registry).increment();
            if (plan.originUse() != Plan.OriginUse.NONE) {
                Counter.builder("cascade_planner_origin_plans_total").tag("why", plan.originUse().name().toLowerCase())
                        .description("Plans naming the origin: fallback (the hierarchy lacks the content) or direct_cdn")
                        .register(registry).increment();
            }
            return plan;
        } catch (PlanningException e) {
            Counter.builder("cascade_planner_refusals_total").tag("reason", e.getClass().getSimpleName())
                    .description("Questions refused: unknown peer or content, content not deployed").register(registry).increment();
            throw e;
        } catch (PlanningStates.PlanningStateUnavailable e) {
            Counter.builder("cascade_planner_refusals_total").tag("reason", "MetadataUnavailable")
                    .description("Questions refused: unknown peer or content, content not deployed").register(registry).increment();
            throw e;
        } finally {
            sample.stop(latency);
        }
    }

    private Plan planOnce(PlanQuery query) {
        PlanningFacts first = states.fetch(query.deviceId(), query.contentId(), List.of());
        if (first.requester() == null) {
            throw UnknownPeerException.of(query.deviceId());
        }
        TopologySnapshot snapshot = directory.snapshot();
        String officeId = officeOf(first.requester(), snapshot);
        List<OfficeView> path = snapshot.path(officeId).orElseThrow();
        List<OfficeNode> nodes = new ArrayList<>(path.size());
        path.forEach(office -> nodes.add(new OfficeNode(office.officeId(), office.name(), office.type(), office.central(),
                office.metered(), office.allowDirectCdn(), office.preferredRvps())));
        PlanningFacts facts = states.fetch(query.deviceId(), query.contentId(), nodes.stream().map(OfficeNode::id).toList());
        PeerState requester = facts.requester();
        if (requester != null && !officeId.equals(requester.officeId())) {
            requester = new PeerState(requester.deviceId(), requester.hostname(), requester.ipAddress(), officeId, requester.deviceClass(),
                    requester.osType(), requester.freeStorageBytes(), requester.usableStorageBytes(), requester.bootTimeMs(),
                    requester.busy(), requester.active(), requester.state(), requester.piecesHeld(), requester.deployed());
        }
        return planner.plan(query, new PlanningFacts(requester, facts.content(), facts.deployment(), facts.candidates()),
                new OfficeChain(nodes, snapshot.revision()), clock.instant());
    }

    /** The requester's office in this snapshot: metadata-service's answer when the snapshot has it, else its address resolved here. */
    private static String officeOf(PeerState requester, TopologySnapshot snapshot) {
        if (requester.officeId() != null && snapshot.office(requester.officeId()).isPresent()) {
            return requester.officeId();
        }
        try {
            OfficeResolver.Match match = snapshot.resolver().resolve(requester.ipAddress());
            return match.officeId();
        } catch (IllegalArgumentException e) {
            // an address metadata-service accepted but this resolver does not: plan from the central office
            return snapshot.offices().stream().filter(OfficeView::central).findFirst().orElseThrow().officeId();
        }
    }

    private static String actionName(PlanAction action) {
        return switch (action) {
            case PLAN_ACTION_FETCH -> "fetch";
            case PLAN_ACTION_WAIT -> "wait";
            case PLAN_ACTION_BLOCKED -> "blocked";
            default -> "unspecified";
        };
    }
}
