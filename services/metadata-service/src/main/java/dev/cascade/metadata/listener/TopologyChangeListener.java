package dev.cascade.metadata.listener;

import java.time.Instant;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.google.protobuf.InvalidProtocolBufferException;

import dev.cascade.contracts.EventHeaders;
import dev.cascade.contracts.v1.TopologyChanged;
import dev.cascade.metadata.service.TopologyRevisions;
import dev.cascade.processedevents.ProcessedEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * A topology change makes every peer's office stale: the event's revision becomes the newest known
 * one (once per event id), and the office resolution job re-resolves the peers answered from an
 * older revision. An event that cannot be read goes to the dead-letter topic with the reason.
 */
@ApplicationScoped
public class TopologyChangeListener {

    public static final String CHANNEL = "topology-changes";
    private static final Logger LOG = Logger.getLogger(TopologyChangeListener.class);
    private static final String TYPE = TopologyChanged.getDescriptor().getFullName();

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    TopologyRevisions revisions;

    @Inject
    MeterRegistry registry;

    private Counter applied;
    private Counter duplicates;

    /** At creation, not on StartupEvent: messaging and the scheduler start before its observers and may call first. */
    @PostConstruct
    void init() {
        applied = Counter.builder("cascade_metadata_topology_changes_total")
                .description("TopologyChanged events applied (each event id once)").register(registry);
        duplicates = Counter.builder("cascade_metadata_events_duplicate_total").tag("type", TYPE)
                .description("Events delivered again and skipped").register(registry);
    }

    @Incoming(CHANNEL)
    @Blocking
    @Transactional
    public void onTopologyChanged(ConsumerRecord<String, byte[]> record) throws InvalidProtocolBufferException {
        String eventId = EventHeaders.required(record.headers(), EventHeaders.EVENT_ID);
        TopologyChanged event = TopologyChanged.parseFrom(record.value());
        if (event.getRevision() <= 0) {
            throw new IllegalArgumentException("TopologyChanged event " + eventId + " has no revision (expected 1 or more)");
        }
        if (eventId.length() > 64) {
            throw new IllegalArgumentException("event id '" + eventId + "' is longer than 64 characters");
        }
        if (!processedEvents.firstTime(eventId, TYPE)) {
            duplicates.increment();
            return;
        }
        Instant changedAt = event.getChangedAtUnixMs() > 0 ? Instant.ofEpochMilli(event.getChangedAtUnixMs()) : null;
        boolean newer = revisions.announce(event.getRevision(), changedAt);
        applied.increment();
        if (newer) {
            LOG.infof("topology revision %d (%s: %d offices added, %d changed, %d removed): peers' offices will be re-resolved",
                    event.getRevision(), event.getTrigger(), event.getOfficesAdded(), event.getOfficesChanged(),
                    event.getOfficesRemoved());
        } else {
            LOG.infof("topology revision %d announced after a newer one: nothing to do", event.getRevision());
        }
    }
}
