package dev.cascade.wire;

import static dev.cascade.wire.SampleMessages.content;
import static dev.cascade.wire.SampleMessages.deploymentNotice;
import static dev.cascade.wire.SampleMessages.sourcePlan;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;

import dev.cascade.contracts.v1.DeploymentMode;
import dev.cascade.contracts.v1.DeploymentPolicy;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.PlannedSource;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.SourceProtocol;

/** DEPLOYMENT_NOTICE and SOURCE_PLAN, as a peer checks them before acting on them. */
class ServerMessageDecodingTest {

    static Stream<Arguments> validMessages() {
        return Stream.of(
                Arguments.of(MessageType.DEPLOYMENT_NOTICE, deploymentNotice().build()),
                Arguments.of(MessageType.DEPLOYMENT_NOTICE, deploymentNotice().setPolicy(DeploymentPolicy.newBuilder()
                        .setMode(DeploymentMode.DEPLOYMENT_MODE_PEER_TO_PEER).setPreCacheOnly(true)).build()),
                Arguments.of(MessageType.DEPLOYMENT_NOTICE, deploymentNotice().setContent(content().setSizeBytes(0)
                        .clearPieceHashes()).build()),
                Arguments.of(MessageType.SOURCE_PLAN, sourcePlan().build()),
                Arguments.of(MessageType.SOURCE_PLAN, sourcePlan().setAction(PlanAction.PLAN_ACTION_WAIT).clearSources()
                        .setRetryAfterMs(30_000).setRvp(false).setOfficeId("").build()));
    }

    @ParameterizedTest
    @MethodSource("validMessages")
    void validMessagesDecodeToThemselves(MessageType type, Message message) {
        DecodedPayload decoded = PayloadDecoder.decode(type, message.toByteArray());

        assertThat(decoded).isInstanceOf(DecodedPayload.Valid.class);
        assertThat(((DecodedPayload.Valid) decoded).message()).isEqualTo(message);
    }

    static Stream<Arguments> brokenMessages() {
        PlannedSource.Builder peer = sourcePlan().getSources(0).toBuilder();
        PlannedSource.Builder origin = sourcePlan().getSources(1).toBuilder();
        return Stream.of(
                broken(MessageType.DEPLOYMENT_NOTICE, deploymentNotice().setDeploymentId(""), "deployment_id",
                        "not a UUID"),
                broken(MessageType.DEPLOYMENT_NOTICE, deploymentNotice().setContent(content().setContentId("")),
                        "content.content_id", "is empty"),
                broken(MessageType.DEPLOYMENT_NOTICE, deploymentNotice().setContent(content().clearSha256()),
                        "content.sha256", "has 0 bytes; expected 32"),
                broken(MessageType.DEPLOYMENT_NOTICE, deploymentNotice().setContent(content().setPieceSize(0)),
                        "content.piece_size", "is 0"),
                broken(MessageType.DEPLOYMENT_NOTICE, deploymentNotice().setContent(content().setSizeBytes(4L * 1024 * 1024)),
                        "content.piece_hashes", "has 3 hashes; expected 4"),
                broken(MessageType.DEPLOYMENT_NOTICE, deploymentNotice().setContent(content()
                        .setPieceHashes(1, ByteString.copyFrom(new byte[31]))), "content.piece_hashes",
                        "content.piece_hashes[1] has 31 bytes; expected 32"),
                broken(MessageType.DEPLOYMENT_NOTICE, deploymentNotice().setPolicy(DeploymentPolicy.newBuilder()),
                        "policy.mode", "unspecified"),
                broken(MessageType.DEPLOYMENT_NOTICE, deploymentNotice().setPolicy(deploymentNotice().getPolicy()
                        .toBuilder().setProxy(deploymentNotice().getPolicy().getProxy().toBuilder()
                                .clearPackageStoreDeviceIds())), "policy.proxy.package_store_device_ids",
                        "is empty but policy.mode is PROXY"),
                broken(MessageType.DEPLOYMENT_NOTICE, deploymentNotice().setPolicy(deploymentNotice().getPolicy()
                        .toBuilder().setProxy(deploymentNotice().getPolicy().getProxy().toBuilder()
                                .addPackageStoreDeviceIds("store-1"))), "policy.proxy.package_store_device_ids",
                        "[1] 'store-1' is not a UUID"),
                broken(MessageType.DEPLOYMENT_NOTICE, deploymentNotice().setPolicy(deploymentNotice().getPolicy()
                        .toBuilder().setProxy(deploymentNotice().getPolicy().getProxy().toBuilder()
                                .setEnforceProxyUntilUnixMs(-1))), "policy.proxy.enforce_proxy_until_unix_ms",
                        "outside 0.."),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setDeviceId("pc-0042"), "device_id", "not a UUID"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setContentId(""), "content_id", "is empty"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setOfficeId("o".repeat(257)), "office_id",
                        "expected 0..256"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setAction(PlanAction.PLAN_ACTION_UNSPECIFIED), "action",
                        "unspecified"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setOfficeTypeValue(9), "office_type",
                        "does not know"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().clearSources(), "sources",
                        "is empty but action is FETCH"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setExplanation(""), "explanation", "is empty"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setRetryAfterMs(-1), "retry_after_ms", "negative"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setSources(0, peer.clone()
                        .setProtocol(SourceProtocol.SOURCE_PROTOCOL_UNSPECIFIED)), "sources[0].protocol", "unspecified"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setSources(0, peer.clone()
                        .setSourceClass(SourceClass.SOURCE_CLASS_UNSPECIFIED)), "sources[0].source_class", "unspecified"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setSources(0, peer.clone().setDeviceId("")),
                        "sources[0].device_id", "not a UUID"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setSources(0, peer.clone().setIpAddress("pc-0042")),
                        "sources[0].ip_address", "not an IPv4 or IPv6 address literal"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setSources(0, peer.clone().setPort(0)),
                        "sources[0].port", "outside 1..65535"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setSources(0, peer.clone().setReason("")),
                        "sources[0].reason", "is empty"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setSources(1, origin.clone().setOriginUrl("")),
                        "sources[1].origin_url", "is empty"),
                broken(MessageType.SOURCE_PLAN, sourcePlan().setSources(1, origin.clone()
                        .setDeviceId(SampleMessages.PEER_A)), "sources[1].device_id", "set for an ORIGIN_HTTP source"),
                broken(MessageType.SOURCE_PLAN, tooManySources(), "sources", "65 entries; at most 64"));
    }

    private static Message.Builder tooManySources() {
        var plan = sourcePlan().clearSources();
        for (int i = 0; i <= PayloadLimits.MAX_PLANNED_SOURCES; i++) {
            plan.addSources(sourcePlan().getSources(1));
        }
        return plan;
    }

    private static Arguments broken(MessageType type, Message.Builder message, String field, String detail) {
        return Arguments.of(type, message.build(), field, detail);
    }

    @ParameterizedTest(name = "{0} {2}: {3}")
    @MethodSource("brokenMessages")
    void eachRuleRefusesNamingTheField(MessageType type, Message message, String field, String detail) {
        DecodedPayload decoded = PayloadDecoder.decode(type, message.toByteArray());

        assertThat(decoded).isInstanceOf(DecodedPayload.Malformed.class);
        DecodedPayload.Malformed malformed = (DecodedPayload.Malformed) decoded;
        assertThat(malformed.field()).isEqualTo(field);
        assertThat(malformed.detail()).startsWith(field).contains(detail);
    }
}
