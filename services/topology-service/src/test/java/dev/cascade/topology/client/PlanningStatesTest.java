package dev.cascade.topology.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.CatalogContent;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.Deployment;
import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeploymentPolicy;
import dev.cascade.contracts.v1.DeviceClass;
import dev.cascade.contracts.v1.PlanningPeer;
import dev.cascade.contracts.v1.PlanningState;
import dev.cascade.contracts.v1.ProxyPolicy;
import dev.cascade.topology.planner.PlanningFacts;

/** GetPlanningState's answer read into the planner's facts. */
class PlanningStatesTest {

    @Test
    void everyFieldThePlannerWeighsIsRead() {
        PlanningState state = PlanningState.newBuilder()
                .setRequester(PlanningPeer.newBuilder().setDeviceId("ABC").setHostname("pc-1").setIpAddress("10.7.0.5").setOfficeId("branch")
                        .setDeviceClass(DeviceClass.DEVICE_CLASS_LAPTOP).setFreeStorageBytes(5).setUsableStorageBytes(9).setBootTimeUnixMs(77)
                        .setBusy(true).setActive(true).setState(ContentState.CONTENT_STATE_PAUSED).setPiecesHeld(3))
                .setContent(CatalogContent.newBuilder().setMetadata(AppMetadata.newBuilder().setContentId("c").setName("Firefox")
                        .setSizeBytes(10).setPieceSize(4).setOriginUrl("https://cdn/c")))
                .setDeployment(Deployment.newBuilder().setDeploymentId("d").setContentId("c").setCreatedAtUnixMs(5_000).setPolicy(DeploymentPolicy.newBuilder()
                        .setMode(DeploymentMode.DEPLOYMENT_MODE_PROXY).setPreCacheOnly(true).setProxy(ProxyPolicy.newBuilder()
                                .setUseForProxyDistribution(true).setOnlyProxyDevicesUntilUnixMs(1_000).addPackageStoreDeviceIds("STORE"))))
                .addCandidates(PlanningPeer.newBuilder().setDeviceId("other").setOfficeId("").setActive(true).setDeployed(true))
                .build();

        PlanningFacts facts = PlanningStates.toFacts(state);

        assertThat(facts.requester().deviceId()).isEqualTo("abc");
        assertThat(facts.requester().deviceClass()).isEqualTo(DeviceClass.DEVICE_CLASS_LAPTOP);
        assertThat(facts.requester().busy()).isTrue();
        assertThat(facts.requester().state()).isEqualTo(ContentState.CONTENT_STATE_PAUSED);
        assertThat(facts.requester().piecesHeld()).isEqualTo(3);
        assertThat(facts.requester().bootTimeMs()).isEqualTo(77);
        assertThat(facts.content().pieceCount()).isEqualTo(3);
        assertThat(facts.content().originUrl()).isEqualTo("https://cdn/c");
        assertThat(facts.deployment().mode()).isEqualTo(DeploymentMode.DEPLOYMENT_MODE_PROXY);
        assertThat(facts.deployment().preCacheOnly()).isTrue();
        assertThat(facts.deployment().createdAt()).isEqualTo(Instant.ofEpochMilli(5_000));
        assertThat(facts.deployment().proxy().onlyProxyDevicesUntil()).isEqualTo(Instant.ofEpochMilli(1_000));
        assertThat(facts.deployment().proxy().enforceProxyUntil()).as("0 = not enabled").isNull();
        assertThat(facts.deployment().proxy().isPackageStore("store")).isTrue();
        assertThat(facts.candidates()).singleElement().satisfies(peer -> {
            assertThat(peer.officeId()).as("empty = pending").isNull();
            assertThat(peer.deployed()).isTrue();
            assertThat(peer.untold()).as("deployed, nothing reported").isTrue();
        });
    }

    @Test
    void missingPartsAreNull() {
        PlanningFacts facts = PlanningStates.toFacts(PlanningState.getDefaultInstance());

        assertThat(facts.requester()).isNull();
        assertThat(facts.content()).isNull();
        assertThat(facts.deployment()).isNull();
    }
}
