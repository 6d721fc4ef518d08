package dev.cascade.topology.listener;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.v1.KeyFamily;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.contracts.v1.PlanAction;
import dev.cascade.contracts.v1.PlanRequested;
import dev.cascade.contracts.v1.SourcePlan;
import dev.cascade.topology.client.PlanningStates.PlanningStateUnavailable;
import dev.cascade.topology.config.PlannerConfig;
import dev.cascade.topology.grpc.PlanMessages;
import dev.cascade.topology.planner.PlanQuery;
import dev.cascade.topology.planner.PlanningException;
import dev.cascade.topology.service.SourcePlanning;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Every PLAN_REQUEST a peer sent (event {@code PlanRequested}) is answered with a SOURCE_PLAN
 * datagram (0x0B) to the address it came from, once per event id: the plan is made first (metadata-
 * service is asked outside any transaction), then the event id and the outbound datagram are written
 * in one transaction (processed-event log + outbox) and the relay publishes it to
 * {@code cascade.gateway.outbound}. A question the planner refuses (unknown content, not deployed,
 * metadata-service down) is answered too: a BLOCKED plan whose explanation says why, so the peer is
 * never left guessing. An event that cannot be read goes to the dead-letter topic.
 */
@ApplicationScoped
public class PlanRequestListener {

    public static final String CHANNEL = "plan-requests";
    /** SOURCE_PLAN (docs/protocol.md). */
    public static final int SOURCE_PLAN = 0x0B;

    private static final Logger LOG = Logger.getLogger(PlanRequestListener.class);

    @Inject
    SourcePlanning planning;

    @Inject
    PlanReplyOutbox replies;

    @Inject
    PlannerConfig config;

    @Incoming(CHANNEL)
    @Blocking
    public void onPlanRequested(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        String eventId = EventHeaders.required(record.headers(), EventHeaders.EVENT_ID);
        PlanRequested event = PlanRequested.parseFrom(record.value());
        String deviceId = event.getOrigin().getDeviceId();
        String contentId = event.getRequest().getContentId();
        String address = host(event.getOrigin().getSourceAddress());
        if (deviceId.isBlank() || contentId.isBlank() || address.isBlank()) {
            throw new IllegalArgumentException("PlanRequested " + eventId + " lacks the device id, the content id or the source address");
        }
        SourcePlan plan = answer(new PlanQuery(deviceId, contentId, Set.copyOf(event.getRequest().getAvoidDeviceIdsList())));
        int replyPort = event.getRequest().getReplyPort() != 0 ? event.getRequest().getReplyPort() : config.peerPort();
        OutboundDatagram datagram = OutboundDatagram.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("source-plan:" + eventId).getBytes(StandardCharsets.UTF_8)).toString())
                .setDestinationId(deviceId).setDestinationAddress(address).setDestinationPort(replyPort)
                .setMessageType(SOURCE_PLAN).setPayload(plan.toByteString()).setKeyFamily(KeyFamily.KEY_FAMILY_FLEET)
                .setLargeMessagePort(config.peerLargeMessagePort()).build();
        if (!replies.queue(eventId, deviceId, datagram)) {
            LOG.debugf("PlanRequested %s was answered before: skipped", eventId);
        }
    }

    private SourcePlan answer(PlanQuery query) {
        try {
            return PlanMessages.toProto(planning.plan(query));
        } catch (PlanningException | PlanningStateUnavailable e) {
            boolean retryable = e instanceof PlanningStateUnavailable;
            long retry = (retryable ? config.waitRetry() : config.blockedRetry()).toMillis();
            return SourcePlan.newBuilder().setDeviceId(query.deviceId()).setContentId(query.contentId())
                    .setAction(PlanAction.PLAN_ACTION_BLOCKED).setRetryAfterMs(retry)
                    .setExplanation("No plan: " + e.getMessage() + ".").build();
        }
    }

    /** The IP address of "ip:port", "[ipv6]:port" or a bare address. */
    static String host(String sourceAddress) {
        String text = sourceAddress == null ? "" : sourceAddress.strip();
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            return end < 0 ? "" : text.substring(1, end);
        }
        int colon = text.indexOf(':');
        return colon >= 0 && colon == text.lastIndexOf(':') ? text.substring(0, colon) : text;
    }
}
