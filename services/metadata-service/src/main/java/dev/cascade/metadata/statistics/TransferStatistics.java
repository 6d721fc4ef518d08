package dev.cascade.metadata.statistics;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.TransferReported;
import dev.cascade.metadata.entity.PeerEntity;
import dev.cascade.metadata.entity.TransferBytesEntity;
import dev.cascade.metadata.entity.TransferOutcomeEntity;
import dev.cascade.metadata.entity.TransferReportEntity;
import dev.cascade.processedevents.ProcessedEvents;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * Bytes per content, office and source class, and how transfers ended. Counted once per transfer id
 * (a peer that reports a transfer again in a new datagram changes nothing), in the office the
 * peer is in when the report is applied.
 */
@ApplicationScoped
public class TransferStatistics {

    private static final String TYPE = TransferReported.getDescriptor().getFullName();

    @Inject
    ProcessedEvents processedEvents;

    @Inject
    MeterRegistry registry;

    @Inject
    Clock clock;

    /** What a report did. */
    public enum Outcome {
        COUNTED, SAME_TRANSFER, DUPLICATE
    }

    @Transactional
    public Outcome apply(TransferOutcome transfer) {
        if (!processedEvents.firstTime(transfer.eventId(), TYPE)) {
            registry.counter("cascade_metadata_events_duplicate_total", "type", TYPE).increment();
            return Outcome.DUPLICATE;
        }
        if (TransferReportEntity.findById(transfer.transferId()) != null) {
            registry.counter("cascade_metadata_transfers_total", "outcome", "same_transfer").increment();
            return Outcome.SAME_TRANSFER;
        }
        PeerEntity peer = PeerEntity.findById(transfer.deviceId());
        String officeId = peer == null || peer.officeId == null ? "" : peer.officeId;
        TransferReportEntity report = new TransferReportEntity();
        report.transferId = transfer.transferId();
        report.deviceId = transfer.deviceId();
        report.contentId = transfer.contentId();
        report.officeId = officeId;
        report.recordedAt = Instant.now(clock);
        report.persist();

        for (Map.Entry<SourceClass, Long> source : transfer.bytesBySource().entrySet()) {
            String sourceClass = TransferOutcome.name(source.getKey());
            int updated = TransferBytesEntity.update("bytes = bytes + ?1, transfers = transfers + 1 "
                    + "where contentId = ?2 and officeId = ?3 and sourceClass = ?4", source.getValue(), transfer.contentId(),
                    officeId, sourceClass);
            if (updated == 0) {
                TransferBytesEntity row = new TransferBytesEntity();
                row.contentId = transfer.contentId();
                row.officeId = officeId;
                row.sourceClass = sourceClass;
                row.bytes = source.getValue();
                row.transfers = 1;
                row.persist();
            }
            registry.counter("cascade_metadata_transfer_bytes_total", "source_class", sourceClass).increment(source.getValue());
        }
        long completed = transfer.completed() ? 1 : 0;
        int updated = TransferOutcomeEntity.update("transfers = transfers + 1, completed = completed + ?1, failed = failed + ?2, "
                + "badPieces = badPieces + ?3 where contentId = ?4 and officeId = ?5", completed, 1 - completed,
                transfer.badPieces(), transfer.contentId(), officeId);
        if (updated == 0) {
            TransferOutcomeEntity row = new TransferOutcomeEntity();
            row.contentId = transfer.contentId();
            row.officeId = officeId;
            row.transfers = 1;
            row.completed = completed;
            row.failed = 1 - completed;
            row.badPieces = transfer.badPieces();
            row.persist();
        }
        registry.counter("cascade_metadata_transfers_total", "outcome", transfer.completed() ? "completed" : "failed").increment();
        if (transfer.badPieces() > 0) {
            registry.counter("cascade_metadata_bad_pieces_total").increment(transfer.badPieces());
        }
        return Outcome.COUNTED;
    }

    /** The statistics of {@code contentId}, per office (by office id) and in total; all zero when nothing was reported. */
    @Transactional
    public StatisticsView of(String contentId) {
        Map<String, Accumulator> offices = new TreeMap<>();
        Accumulator totals = new Accumulator();
        for (TransferBytesEntity row : TransferBytesEntity.<TransferBytesEntity>list("contentId", contentId)) {
            offices.computeIfAbsent(row.officeId, o -> new Accumulator()).addBytes(row);
            totals.addBytes(row);
        }
        for (TransferOutcomeEntity row : TransferOutcomeEntity.<TransferOutcomeEntity>list("contentId", contentId)) {
            offices.computeIfAbsent(row.officeId, o -> new Accumulator()).addOutcome(row);
            totals.addOutcome(row);
        }
        List<StatisticsView.OfficeRow> rows = new ArrayList<>();
        offices.forEach((office, statistics) -> rows.add(new StatisticsView.OfficeRow(office.isEmpty() ? null : office,
                statistics.build())));
        return new StatisticsView(contentId, totals.build(), rows);
    }

    private static final class Accumulator {
        final Map<String, Long> bytesBySource = new TreeMap<>();
        final Map<String, Long> transfersBySource = new TreeMap<>();
        long bytes;
        long transfers;
        long completed;
        long failed;
        long badPieces;

        void addBytes(TransferBytesEntity row) {
            bytesBySource.merge(row.sourceClass, row.bytes, Long::sum);
            transfersBySource.merge(row.sourceClass, row.transfers, Long::sum);
            bytes += row.bytes;
        }

        void addOutcome(TransferOutcomeEntity row) {
            transfers += row.transfers;
            completed += row.completed;
            failed += row.failed;
            badPieces += row.badPieces;
        }

        StatisticsView.Row build() {
            return new StatisticsView.Row(Map.copyOf(bytesBySource), Map.copyOf(transfersBySource), bytes, transfers, completed,
                    failed, badPieces);
        }
    }
}
