package dev.cascade.activation.listener;

import java.time.Instant;

import org.hibernate.exception.ConstraintViolationException;

import dev.cascade.activation.service.ClientActivations;
import dev.cascade.activation.service.SourceAddress;

/** What both client listeners do with a report: record it, retrying once when the other listener inserted the same new device first. */
final class ClientReports {

    private ClientReports() {
    }

    static boolean record(ClientActivations clients, String deviceId, String sourceAddress, long keyId, long receivedAtUnixMs) {
        String ip = SourceAddress.parse(sourceAddress).ip();
        Instant heardAt = Instant.ofEpochMilli(receivedAtUnixMs);
        try {
            return clients.onReport(deviceId, ip, keyId, heardAt);
        } catch (RuntimeException e) {
            if (!duplicateRow(e)) {
                throw e;
            }
            // a registration and a heartbeat of a new device raced to insert its row: the second sees it now
            return clients.onReport(deviceId, ip, keyId, heardAt);
        }
    }

    private static boolean duplicateRow(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException) {
                return true;
            }
        }
        return false;
    }
}
