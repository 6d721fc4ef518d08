package dev.cascade.topology.listener;

import dev.cascade.contracts.Topics;
import dev.cascade.contracts.v1.OutboundDatagram;
import dev.cascade.outbox.Outbox;
import dev.cascade.processedevents.ProcessedEvents;
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

    /** Returns false, queuing nothing, when {@code eventId} was answered before. The outbox wakes its relay after the commit. */
    @Transactional
    public boolean queue(String eventId, String deviceId, OutboundDatagram datagram) {
        if (!processed.firstTime(eventId, "cascade.v1.PlanRequested")) {
            return false;
        }
        outbox.append(Topics.GATEWAY_OUTBOUND, deviceId, datagram.getEventId(), datagram);
        return true;
    }
}
