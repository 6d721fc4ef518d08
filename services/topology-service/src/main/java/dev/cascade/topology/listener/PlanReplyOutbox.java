package dev.cascade.topology.listener;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.processedevents.ProcessedEvents;
import dev.cascade.topology.outbox.Outbox;
import dev.cascade.topology.outbox.OutboxRelay;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** Records a plan request as answered and queues its answer, in one transaction: a redelivered request is answered once. */
@ApplicationScoped
public class PlanReplyOutbox {

    @Inject
    ProcessedEvents processed;

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    /** Returns false, queuing nothing, when {@code eventId} was answered before. */
    public boolean queue(String eventId, String deviceId, OutboundDatagram datagram) {
        boolean queued = record(eventId, deviceId, datagram);
        if (queued) {
            relay.wake(); // after the commit: the relay reads committed rows only
        }
        return queued;
    }

    @Transactional
    boolean record(String eventId, String deviceId, OutboundDatagram datagram) {
        if (!processed.firstTime(eventId, "cascade.v1.PlanRequested")) {
            return false;
        }
        outbox.append(Topics.GATEWAY_OUTBOUND, deviceId, datagram.getEventId(), datagram);
        return true;
    }
}
