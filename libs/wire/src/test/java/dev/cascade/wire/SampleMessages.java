package dev.cascade.wire;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.ByteString;

import dev.cascade.contracts.v1.AppMetadata;
import dev.cascade.contracts.v1.ContentHolding;
import dev.cascade.contracts.v1.ContentState;
import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeploymentNotice;
import dev.cascade.contracts.v1.DeploymentPolicy;
import dev.cascade.contracts.v1.Heartbeat;
import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.PlannedSource;
import dev.cascade.contracts.v1.ProxyPolicy;
import dev.cascade.contracts.v1.SourceBytes;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.contracts.v1.SourceProtocol;
import dev.cascade.contracts.v1.TransferReport;

/** Valid instances of the report and server-message payloads, for tests to break one field at a time. */
final class SampleMessages {

    static final String DEPLOYMENT = "0b9d4c1e-2f3a-4b5c-8d6e-7f8091a2b3c4";
    static final String PEER_A = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    static final String PEER_B = "11111111-2222-4333-8444-555555555555";
    static final long AT = 1_795_680_000_000L;

    private SampleMessages() {
    }

    static Heartbeat.Builder heartbeat() {
        return Heartbeat.newBuilder().setIpAddress("10.1.2.3").setPrefixLength(24).setFreeStorageBytes(50_000_000_000L)
                .setUsableStorageBytes(20_000_000_000L).setBootTimeUnixMs(AT - 86_400_000L).setBusy(true)
                .setClientVersion("1.0.0");
    }

    /** 12 pieces, pieces 0, 1, 2, 5 and 9 held (protocol.md §12.2's example bitmap). */
    static ContentHolding.Builder downloading(String contentId) {
        return ContentHolding.newBuilder().setContentId(contentId).setDeploymentId(DEPLOYMENT)
                .setState(ContentState.CONTENT_STATE_DOWNLOADING).setPieceCount(12)
                .setPieces(ByteString.copyFrom(new byte[] {0x27, 0x02})).setChangedAtUnixMs(AT);
    }

    static ContentHolding.Builder cached(String contentId, int pieces) {
        byte[] bitmap = new byte[(pieces + 7) / 8];
        for (int i = 0; i < pieces; i++) {
            bitmap[i / 8] |= (byte) (1 << (i % 8));
        }
        return ContentHolding.newBuilder().setContentId(contentId).setState(ContentState.CONTENT_STATE_CACHED)
                .setPieceCount(pieces).setPieces(ByteString.copyFrom(bitmap)).setChangedAtUnixMs(AT);
    }

    static InventoryReport.Builder inventory() {
        return InventoryReport.newBuilder().setReportSequence(AT).setComplete(true)
                .addHoldings(downloading("blob-7"))
                .addHoldings(cached("blob-8", 9))
                .addHoldings(ContentHolding.newBuilder().setContentId("blob-9").setDeploymentId(DEPLOYMENT)
                        .setState(ContentState.CONTENT_STATE_PAUSED).setDetail("WAN busy").setChangedAtUnixMs(AT));
    }

    /** An inventory of {@code holdings} contents of {@code pieces} pieces each, all cached. */
    static InventoryReport.Builder inventory(int holdings, int pieces) {
        List<ContentHolding> list = new ArrayList<>(holdings);
        for (int i = 0; i < holdings; i++) {
            list.add(cached("content-" + i, pieces).build());
        }
        return InventoryReport.newBuilder().setReportSequence(AT).setComplete(true).addAllHoldings(list);
    }

    static TransferReport.Builder transfer() {
        return TransferReport.newBuilder().setTransferId("a3c2e1f0-1234-4abc-9def-0123456789ab").setContentId("blob-7")
                .setDeploymentId(DEPLOYMENT)
                .addBytesBySource(SourceBytes.newBuilder().setSourceClass(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER)
                        .setBytes(700_000_000L))
                .addBytesBySource(SourceBytes.newBuilder().setSourceClass(SourceClass.SOURCE_CLASS_ORIGIN)
                        .setBytes(24_000_000L))
                .setStartedUnixMs(AT - 60_000).setFinishedUnixMs(AT).setCompleted(true)
                .setBadPieces(2).addBadPeerIds(PEER_B);
    }

    static PlanRequest.Builder planRequest() {
        return PlanRequest.newBuilder().setContentId("blob-7").setDeploymentId(DEPLOYMENT).addAvoidDeviceIds(PEER_B);
    }

    static AppMetadata.Builder content() {
        return AppMetadata.newBuilder().setContentId("blob-7").setName("7-Zip").setVersion("23.01")
                .setSizeBytes(2 * 1024 * 1024 + 1).setSha256(ByteString.copyFrom(new byte[32])).setPieceSize(1024 * 1024)
                .addPieceHashes(ByteString.copyFrom(new byte[32])).addPieceHashes(ByteString.copyFrom(new byte[32]))
                .addPieceHashes(ByteString.copyFrom(new byte[32])).setOriginUrl("https://cdn.example.com/blob-7");
    }

    static DeploymentNotice.Builder deploymentNotice() {
        return DeploymentNotice.newBuilder().setDeploymentId(DEPLOYMENT).setContent(content())
                .setPolicy(DeploymentPolicy.newBuilder().setMode(DeploymentMode.DEPLOYMENT_MODE_PROXY)
                        .setProxy(ProxyPolicy.newBuilder().setUseForProxyDistribution(true)
                                .setOnlyProxyDevicesUntilUnixMs(AT + 3_600_000).setEnforceProxyUntilUnixMs(AT + 7_200_000)
                                .addPackageStoreDeviceIds(PEER_A)));
    }

    static SourcePlan.Builder sourcePlan() {
        return SourcePlan.newBuilder().setDeviceId(PEER_B).setContentId("blob-7").setOfficeId("branch-7")
                .setAction(PlanAction.PLAN_ACTION_FETCH)
                .addSources(PlannedSource.newBuilder().setDeviceId(PEER_A).setIpAddress("10.7.0.42").setPort(34760)
                        .setProtocol(SourceProtocol.SOURCE_PROTOCOL_FOREGROUND)
                        .setSourceClass(SourceClass.SOURCE_CLASS_SAME_OFFICE_PEER).setOfficeId("branch-7")
                        .setReason("same-office peer pc-0042 holds 100 % of the pieces"))
                .addSources(PlannedSource.newBuilder().setProtocol(SourceProtocol.SOURCE_PROTOCOL_ORIGIN_HTTP)
                        .setSourceClass(SourceClass.SOURCE_CLASS_ORIGIN).setOriginUrl("https://cdn.example.com/blob-7")
                        .setReason("the origin, if pc-0042 stops answering"))
                .setExplanation("pc-0042 in this office holds the content").setTopologyRevision(3);
    }
}
