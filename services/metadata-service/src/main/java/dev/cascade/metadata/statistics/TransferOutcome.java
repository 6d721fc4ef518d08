package dev.cascade.metadata.statistics;

import java.util.EnumMap;
import java.util.Map;

import dev.cascade.contracts.v1.SourceBytes;
import dev.cascade.contracts.v1.SourceClass;
import dev.cascade.contracts.v1.TransferReported;
import dev.cascade.metadata.catalog.CatalogEntry;
import dev.cascade.metadata.service.DeviceId;

/**
 * One ended transfer, read and checked from a TransferReported event.
 *
 * @param bytesBySource bytes per source class (a class named twice is added up), without zero entries
 */
public record TransferOutcome(String eventId, String transferId, String deviceId, String contentId,
        Map<SourceClass, Long> bytesBySource, boolean completed, long badPieces) {

    private static final int MAX_TRANSFER_ID = 64;

    /** @throws IllegalArgumentException naming the event and the field when the report cannot be counted */
    public static TransferOutcome from(String eventId, TransferReported event) {
        String what = "TransferReported event " + eventId;
        String deviceId;
        try {
            deviceId = DeviceId.canonical(event.getOrigin().getDeviceId());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": device_id " + e.getMessage(), e);
        }
        String transferId = event.getReport().getTransferId().strip();
        if (transferId.isEmpty() || transferId.length() > MAX_TRANSFER_ID) {
            throw new IllegalArgumentException(what + ": transfer_id '" + transferId + "'; expected 1 to " + MAX_TRANSFER_ID
                    + " characters (a UUID)");
        }
        String contentId = event.getReport().getContentId().strip();
        if (contentId.isEmpty() || contentId.length() > CatalogEntry.MAX_CONTENT_ID) {
            throw new IllegalArgumentException(what + ": content_id '" + contentId + "'; expected 1 to "
                    + CatalogEntry.MAX_CONTENT_ID + " characters");
        }
        Map<SourceClass, Long> bytes = new EnumMap<>(SourceClass.class);
        for (SourceBytes source : event.getReport().getBytesBySourceList()) {
            if (source.getSourceClass() == SourceClass.SOURCE_CLASS_UNSPECIFIED || source.getSourceClass() == SourceClass.UNRECOGNIZED) {
                throw new IllegalArgumentException(what + ": bytes_by_source names source class " + source.getSourceClassValue()
                        + "; expected SAME_OFFICE_PEER, PARENT_OFFICE_PEER, SEED or ORIGIN");
            }
            if (source.getBytes() < 0) {
                throw new IllegalArgumentException(what + ": " + Long.toUnsignedString(source.getBytes()) + " bytes from "
                        + source.getSourceClass() + " is beyond the largest supported count");
            }
            if (source.getBytes() > 0) {
                bytes.merge(source.getSourceClass(), source.getBytes(), Math::addExact);
            }
        }
        return new TransferOutcome(eventId, transferId, deviceId, contentId, Map.copyOf(bytes), event.getReport().getCompleted(),
                Integer.toUnsignedLong(event.getReport().getBadPieces()));
    }

    /** "SAME_OFFICE_PEER" for SOURCE_CLASS_SAME_OFFICE_PEER. */
    public static String name(SourceClass sourceClass) {
        return sourceClass.name().substring("SOURCE_CLASS_".length());
    }
}
