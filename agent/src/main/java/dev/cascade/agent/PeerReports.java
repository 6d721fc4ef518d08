package dev.cascade.agent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;

import com.google.protobuf.Message;

import dev.cascade.contracts.v1.InventoryReport;
import dev.cascade.contracts.v1.PlanRequest;
import dev.cascade.contracts.v1.TransferReport;
import dev.cascade.wire.DecodedPayload;
import dev.cascade.wire.MessageType;
import dev.cascade.wire.PayloadDecoder;
import dev.cascade.wire.Reply;
import dev.cascade.wire.SmallMessageClient;
import dev.cascade.wire.large.LargeRequestClient;

/**
 * Tells the server what this peer holds (INVENTORY_REPORT) and how a transfer went (TRANSFER_REPORT), and
 * waits for the ACK that says the report is durable (docs/protocol.md §15). A report whose payload is at most
 * {@link #SMALL_PAYLOAD_LIMIT} bytes goes as one small message to the server's small-messages port; a larger
 * one (an inventory of hundreds of contents) as a large message to its large-messages port, so that no
 * datagram crossing a WAN needs IP fragmentation. Also asks for a source plan (PLAN_REQUEST, §15.4). One report
 * at a time: the calls are synchronised, as the deployment jobs of a running agent share one instance.
 */
public final class PeerReports {

    /**
     * The largest payload sent as one datagram: with the 80 bytes of header and tag, 1 280 bytes, the IPv6
     * minimum MTU, which any path carries unfragmented.
     */
    public static final int SMALL_PAYLOAD_LIMIT = 1_200;
    /** Large reports: whole-message attempts, and how long to wait for the ACK after each delivery. */
    private static final int LARGE_ATTEMPTS = 3;
    private static final Duration LARGE_ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final AgentConfig config;
    private final SmallMessageClient small;
    private final LargeRequestClient large;
    private final InetSocketAddress serverLargeMessages;
    private final ServerAnswers answers;

    /**
     * @param small               bound to the agent's small-reply port (34324)
     * @param large               bound to the agent's large-reply port (34335)
     * @param serverLargeMessages the server's foreground large-messages port (34333)
     */
    public PeerReports(AgentConfig config, SmallMessageClient small, LargeRequestClient large,
                       InetSocketAddress serverLargeMessages, Clock clock) {
        this.config = config;
        this.small = small;
        this.large = large;
        this.serverLargeMessages = serverLargeMessages;
        this.answers = new ServerAnswers(config, clock, () -> small.signingKey().id());
    }

    /**
     * Sends {@code report}; the outcome is "registered" (exit code 0) once the server ACKed it.
     *
     * @throws IllegalArgumentException naming the field, when the report breaks a rule of the protocol
     *                                  (checked here, before anything is sent)
     */
    public synchronized Outcome sendInventory(InventoryReport report) {
        return send(MessageType.INVENTORY_REPORT, report, "inventory report");
    }

    /** As {@link #sendInventory}, for the report of one transfer; {@code transfer_id} makes resending it harmless. */
    public synchronized Outcome sendTransfer(TransferReport report) {
        return send(MessageType.TRANSFER_REPORT, report, "transfer report");
    }

    /** As {@link #sendInventory}, for a request for sources; the ACK says it is durable, the SOURCE_PLAN follows. */
    public synchronized Outcome sendPlanRequest(PlanRequest request) {
        return send(MessageType.PLAN_REQUEST, request, "plan request");
    }

    private Outcome send(MessageType type, Message report, String what) {
        byte[] payload = report.toByteArray();
        if (PayloadDecoder.decode(type, payload) instanceof DecodedPayload.Malformed malformed) {
            throw new IllegalArgumentException("the " + what + " is malformed: " + malformed.detail());
        }
        long started = System.nanoTime();
        Reply reply;
        try {
            reply = payload.length <= SMALL_PAYLOAD_LIMIT
                    ? small.send(type, payload, config.serverSocketAddress(), Registration.retries(config, config.maxAttempts()))
                    : large.send(type, payload, serverLargeMessages, LARGE_ATTEMPTS, LARGE_ANSWER_TIMEOUT);
        } catch (IOException e) {
            return new Outcome(Outcome.NO_ANSWER, "cannot send to " + config.server() + ": " + e.getMessage(),
                    true, false, Duration.ZERO, 1);
        }
        return answers.of(reply, what, Duration.ofNanos(System.nanoTime() - started),
                ack -> what + " acknowledged (" + payload.length + " bytes); event " + ack.getEventId());
    }
}
