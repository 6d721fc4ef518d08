package dev.cascade.metadata.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jboss.logging.Logger;

import dev.cascade.contracts.v1.PeerReplyReceived;
import dev.cascade.metadata.entity.PeerEntity;
import dev.cascade.processedevents.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The peers' answers to the server's messages. An ACK is only counted: the sending service cannot match it to what
 * it sent (protocol.md §14) and recovers a lost message on its own. A REJECT means a peer refused a DEPLOYMENT_NOTICE,
 * SOURCE_PLAN or CLIENT_ACTIVATION — a server bug or a server newer than the agent — and that peer will not follow
 * the deployment until it is fixed, so it is made visible: counted by reason, kept on the peer (its last reject and how
 * many, once per event id) and logged, at most one line per reason a minute so that a fleet rejecting every message
 * does not flood the log.
 */
@ApplicationScoped
public class PeerReplies {

    private static final Logger LOG = Logger.getLogger(PeerReplies.class);
    private static final String TYPE = PeerReplyReceived.getDescriptor().getFullName();
    /** At most one log line per reject reason in this long; the rejects not logged are counted in the next line. */
    static final Duration LOG_EVERY = Duration.ofMinutes(1);

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    private final Map<String, LogWindow> logWindows = new HashMap<>();

    /** What a REJECT did. */
    public enum Outcome {
        /** Kept on the peer. */
        RECORDED,
        /** Sent before the reject already kept: counted on the peer, the newer one stays its last. */
        OLDER,
        /** No peer registered with this id: counted and logged only. */
        UNKNOWN_PEER,
        DUPLICATE
    }

    /** Counts an ACK. */
    public void acknowledged() {
        registry.counter("cascade_metadata_peer_acks_total").increment();
    }

    /** Applies a REJECT once per event id. */
    @Transactional
    public Outcome rejected(PeerReply reject) {
        if (!reject.rejected()) {
            throw new IllegalArgumentException("event " + reject.eventId() + " is an ACK, not a REJECT");
        }
        if (!processedEvents.firstTime(reject.eventId(), TYPE)) {
            registry.counter("cascade_metadata_events_duplicate_total", "type", TYPE).increment();
            return Outcome.DUPLICATE;
        }
        registry.counter("cascade_metadata_peer_rejects_total", "reason", reject.reason()).increment();
        PeerEntity peer = PeerEntity.findById(reject.deviceId());
        log(reject, peer);
        if (peer == null) {
            return Outcome.UNKNOWN_PEER;
        }
        peer.rejects++;
        if (peer.lastRejectAt != null && reject.receivedAt().isBefore(peer.lastRejectAt)) {
            return Outcome.OLDER;
        }
        peer.lastRejectAt = reject.receivedAt();
        peer.lastRejectReason = reject.reason();
        peer.lastRejectDetail = reject.detail();
        return Outcome.RECORDED;
    }

    private void log(PeerReply reject, PeerEntity peer) {
        int unlogged;
        synchronized (logWindows) {
            unlogged = logWindows.computeIfAbsent(reject.reason(), reason -> new LogWindow()).admit(Instant.now(clock));
        }
        if (unlogged < 0) {
            return;
        }
        String device = peer == null ? reject.deviceId() + " (not registered)"
                : reject.deviceId() + " (" + peer.hostname + ", " + peer.ipAddress + ", client " + peer.clientVersion + ")";
        LOG.warnf("peer %s rejected a server message (%s): %s%s", device, reject.reason(),
                reject.detail().isEmpty() ? "no detail given" : reject.detail(),
                unlogged == 0 ? "" : "; " + unlogged + " more rejects for this reason since the last line were not logged");
    }

    /** One reason's log budget: the first reject in each {@link #LOG_EVERY} is logged, the rest counted. */
    private static final class LogWindow {
        private Instant start = Instant.MIN;
        private int unlogged;

        /** -1: do not log this one; otherwise log it and mention this many rejects that were not. */
        int admit(Instant now) {
            if (start != Instant.MIN && now.isBefore(start.plus(LOG_EVERY))) {
                unlogged++;
                return -1;
            }
            int skipped = unlogged;
            start = now;
            unlogged = 0;
            return skipped;
        }
    }
}
