package dev.cascade.topology.planner;

import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_BLOCKED;
import static dev.cascade.contracts.v1.PlanAction.PLAN_ACTION_FETCH;
import static dev.cascade.topology.planner.Fixture.BRANCH;
import static dev.cascade.topology.planner.Fixture.GIB;
import static dev.cascade.topology.planner.Fixture.NOW;
import static dev.cascade.topology.planner.Fixture.REGION;
import static dev.cascade.topology.planner.Fixture.branchChain;
import static dev.cascade.topology.planner.Fixture.peer;
import static dev.cascade.topology.planner.Fixture.plan;
import static dev.cascade.topology.planner.Fixture.planner;
import static dev.cascade.topology.planner.Fixture.proxy;
import static dev.cascade.topology.planner.Fixture.sourceIds;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Seed 002's table, every row for a package-store device and for another device: first the access
 * rule ({@link ProxyAccess}), then the plan it gives. T1 = "only distribute to proxy devices until",
 * T2 = "enforce proxy distribution until".
 */
class ProxyDistributionTest {

    private static final Instant FUTURE = NOW.plus(Duration.ofHours(1));
    private static final Instant PAST = NOW.minus(Duration.ofHours(1));

    private static ProxyOptions options(Instant t1, Instant t2) {
        return new ProxyOptions(true, t1, t2, Set.of("STORE-1"));
    }

    // package-store device: most free storage in its office, nothing held yet; Region-North holds the package
    private final PeerState store = peer("store-1", BRANCH).free(90 * GIB).build();
    private final List<PeerState> storeScene = List.of(store, peer("small", BRANCH).free(5 * GIB).build(),
            peer("r1", REGION).holding(100).build());

    // another device: it holds more than the package store of its office, which holds part of it
    private final PeerState me = peer("me", BRANCH).free(90 * GIB).holding(40).build();
    private final List<PeerState> otherScene = List.of(me, peer("store-1", BRANCH).holding(30).build(),
            peer("r1", REGION).holding(100).build());

    private Plan storePlan(ProxyOptions options) {
        return plan(planner(), branchChain(), proxy(options), store, storeScene);
    }

    private Plan otherPlan(ProxyOptions options) {
        return plan(planner(), branchChain(), proxy(options), me, otherScene);
    }

    private static void packageStoreMayContactTheServer(ProxyOptions options, Plan plan) {
        ProxyAccess access = ProxyAccess.of(options, true, NOW);
        assertThat(access.server()).isTrue();
        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(sourceIds(plan)).containsExactly("r1");
        assertThat(plan.rvp()).isTrue();
        assertThat(plan.explanation()).startsWith("Proxy distribution: this is a package-store device of the deployment: it may use"
                + " the server path at any time");
    }

    @Nested
    class Case1OnlyProxyDevicesUntilNotReachedEnforceNotEnabled {
        private final ProxyOptions options = options(FUTURE, null);

        @Test
        void packageStoreDevicesCanContactTheServerAtAnyTime() {
            packageStoreMayContactTheServer(options, storePlan(options));
        }

        @Test
        void otherDevicesCannotContactPackageStoresAndContactTheServer() {
            ProxyAccess access = ProxyAccess.of(options, false, NOW);
            assertThat(access.packageStores()).isFalse();
            assertThat(access.server()).isTrue();
            Plan plan = otherPlan(options);
            assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
            assertThat(sourceIds(plan)).containsExactly("r1");
            assertThat(plan.explanation()).contains("may not use package-store devices: the server path only");
        }
    }

    @Nested
    class Case2OnlyProxyDevicesUntilReachedEnforceNotEnabled {
        private final ProxyOptions options = options(PAST, null);

        @Test
        void packageStoreDevicesCanContactTheServerAtAnyTime() {
            packageStoreMayContactTheServer(options, storePlan(options));
        }

        @Test
        void otherDevicesContactPackageStoresFirstThenTheServer() {
            ProxyAccess access = ProxyAccess.of(options, false, NOW);
            assertThat(access.packageStores()).isTrue();
            assertThat(access.server()).isTrue();
            Plan plan = otherPlan(options);
            assertThat(sourceIds(plan)).containsExactly("store-1", "r1");
            assertThat(plan.sources().get(0).reason()).contains("package-store device of the deployment");
            assertThat(plan.explanation()).contains("package-store devices first, then the server path");
        }
    }

    @Nested
    class Case3BothEnabledNotReached {
        private final ProxyOptions options = options(FUTURE, NOW.plus(Duration.ofMinutes(2)));

        @Test
        void packageStoreDevicesCanContactTheServerAtAnyTime() {
            packageStoreMayContactTheServer(options, storePlan(options));
        }

        @Test
        void otherDevicesCanContactNeitherTheServerNorPackageStores() {
            ProxyAccess access = ProxyAccess.of(options, false, NOW);
            assertThat(access.packageStores()).isFalse();
            assertThat(access.server()).isFalse();
            Plan plan = otherPlan(options);
            assertThat(plan.action()).isEqualTo(PLAN_ACTION_BLOCKED);
            assertThat(plan.sources()).isEmpty();
            assertThat(plan.retryAfterMs()).as("asks again when the first window opens").isEqualTo(120_000);
            assertThat(plan.explanation()).contains("may use neither package-store devices nor the server path");
        }
    }

    @Nested
    class Case4BothEnabledReached {
        private final ProxyOptions options = options(PAST, PAST);

        @Test
        void packageStoreDevicesCanContactTheServerAtAnyTime() {
            packageStoreMayContactTheServer(options, storePlan(options));
        }

        @Test
        void otherDevicesContactPackageStoresFirstThenTheServer() {
            ProxyAccess access = ProxyAccess.of(options, false, NOW);
            assertThat(access.packageStores()).isTrue();
            assertThat(access.server()).isTrue();
            assertThat(sourceIds(otherPlan(options))).containsExactly("store-1", "r1");
        }
    }

    @Nested
    class Case5NoOptionsEnabled {
        private final ProxyOptions options = options(null, null);

        @Test
        void packageStoreDevicesCanContactTheServerAtAnyTime() {
            packageStoreMayContactTheServer(options, storePlan(options));
        }

        @Test
        void otherDevicesContactPackageStoresOrTheServerAtAnyTime() {
            ProxyAccess access = ProxyAccess.of(options, false, NOW);
            assertThat(access.packageStores()).isTrue();
            assertThat(access.server()).isTrue();
            assertThat(sourceIds(otherPlan(options))).containsExactly("store-1", "r1");
        }
    }

    @Test
    void afterT1ButBeforeT2OtherDevicesUsePackageStoresOnly() {
        ProxyOptions options = options(PAST, FUTURE);
        Plan plan = otherPlan(options);
        assertThat(plan.action()).isEqualTo(PLAN_ACTION_FETCH);
        assertThat(sourceIds(plan)).containsExactly("store-1");

        PeerState alone = peer("me", BRANCH).build();
        Plan blocked = plan(planner(), branchChain(), proxy(options), alone, List.of(alone, peer("r1", REGION).holding(100).build()));
        assertThat(blocked.action()).isEqualTo(PLAN_ACTION_BLOCKED);
        assertThat(blocked.explanation()).contains("no package-store device of office Branch-7 holds any of it yet");
    }

    @Test
    void withoutProxyDistributionNoPackageStoreServes() {
        ProxyOptions options = new ProxyOptions(false, null, null, Set.of("store-1"));
        assertThat(ProxyAccess.of(options, false, NOW).packageStores()).isFalse();
        assertThat(sourceIds(otherPlan(options))).containsExactly("r1");
    }

    @Test
    void packageStoresInAnotherOfficeAreNotContactedOverTheWan() {
        PeerState alone = peer("me", BRANCH).build();
        Plan plan = plan(planner(), branchChain(), proxy(options(PAST, PAST)), alone,
                List.of(alone, peer("store-1", REGION).holding(100).build()));
        assertThat(plan.sources()).allSatisfy(source -> assertThat(source.reason()).doesNotContain("package-store"));
        assertThat(plan.sources()).noneMatch(source -> source.protocol() == dev.cascade.contracts.v1.SourceProtocol.SOURCE_PROTOCOL_FOREGROUND);
    }
}
