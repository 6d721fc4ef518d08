package dev.cascade.metadata.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.cascade.contracts.v1.InventoryReported;
import dev.cascade.metadata.entity.HoldingEntity;
import dev.cascade.metadata.entity.InventorySequenceEntity;
import dev.cascade.processedevents.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Per-peer inventory: applies reports once per event id, and only a report newer (by the peer's
 * report sequence) than every report applied before: an older one delivered late changes nothing.
 * A complete report replaces what the peer holds; a partial one changes the contents it lists.
 */
@ApplicationScoped
public class Inventory {

    private static final String TYPE = InventoryReported.getDescriptor().getFullName();

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    /** What a report did. */
    public enum Outcome {
        APPLIED, OUT_OF_ORDER, DUPLICATE
    }

    @Transactional
    public Outcome apply(InventoryUpdate update) {
        Outcome outcome = applyOnce(update);
        registry.counter("cascade_metadata_inventory_reports_total", "outcome", outcome.name().toLowerCase()).increment();
        return outcome;
    }

    private Outcome applyOnce(InventoryUpdate update) {
        if (!processedEvents.firstTime(update.eventId(), TYPE)) {
            registry.counter("cascade_metadata_events_duplicate_total", "type", TYPE).increment();
            return Outcome.DUPLICATE;
        }
        Instant now = Instant.now(clock);
        InventorySequenceEntity sequence = InventorySequenceEntity.findById(update.deviceId());
        if (sequence == null) {
            sequence = new InventorySequenceEntity();
            sequence.deviceId = update.deviceId();
            sequence.reportSequence = update.reportSequence();
            sequence.reports = 1;
            sequence.updatedAt = now;
            sequence.persist();
        } else if (update.reportSequence() <= sequence.reportSequence) {
            return Outcome.OUT_OF_ORDER;
        } else {
            sequence.reportSequence = update.reportSequence();
            sequence.reports++;
            sequence.updatedAt = now;
        }
        if (update.complete()) {
            List<String> listed = update.holdings().stream().filter(h -> !h.removed()).map(InventoryUpdate.Holding::contentId).toList();
            if (listed.isEmpty()) {
                HoldingEntity.delete("deviceId", update.deviceId());
            } else {
                HoldingEntity.delete("deviceId = ?1 and contentId not in ?2", update.deviceId(), listed);
            }
        }
        for (InventoryUpdate.Holding holding : update.holdings()) {
            HoldingEntity row = HoldingEntity.findById(new HoldingEntity.Key(update.deviceId(), holding.contentId()));
            if (holding.removed()) {
                if (row != null) {
                    row.delete();
                }
                continue;
            }
            if (row == null) {
                row = new HoldingEntity();
                row.deviceId = update.deviceId();
                row.contentId = holding.contentId();
                copy(holding, update.reportSequence(), now, row);
                row.persist();
            } else {
                copy(holding, update.reportSequence(), now, row);
            }
        }
        return Outcome.APPLIED;
    }

    private static void copy(InventoryUpdate.Holding holding, long sequence, Instant now, HoldingEntity row) {
        row.deploymentId = holding.deploymentId();
        row.state = holding.state();
        row.pieceCount = holding.pieceCount();
        row.piecesHeld = holding.piecesHeld();
        row.pieces = holding.pieces();
        row.detail = holding.detail();
        row.changedAt = holding.changedAt();
        row.reportSequence = sequence;
        row.updatedAt = now;
    }

    /** What {@code deviceId} holds, by content id; empty for a peer that never reported. */
    @Transactional
    public List<HoldingView> of(String deviceId) {
        return HoldingEntity.<HoldingEntity>find("deviceId", Sort.by("contentId"), deviceId).list().stream()
                .map(HoldingView::of).toList();
    }
}
