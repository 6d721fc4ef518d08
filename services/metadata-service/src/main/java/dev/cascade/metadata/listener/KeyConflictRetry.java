package dev.cascade.metadata.listener;

import java.sql.SQLException;

import org.jboss.logging.Logger;

/**
 * Runs a transaction again once when it failed on a unique key: two replicas that create the same
 * aggregate row (e.g. the statistics of one content and office) at the same moment both read "no
 * row" and both insert; the second commit fails, and on the second try it finds the row and updates it.
 */
final class KeyConflictRetry {

    private static final Logger LOG = Logger.getLogger(KeyConflictRetry.class);

    private KeyConflictRetry() {
    }

    static void run(Runnable transaction) {
        try {
            transaction.run();
        } catch (RuntimeException e) {
            if (!isKeyConflict(e)) {
                throw e;
            }
            LOG.debugf("unique key conflict (%s): trying once more", e.getMessage());
            transaction.run();
        }
    }

    /** SQLSTATE class 23 (integrity constraint violation) anywhere in the cause chain. */
    static boolean isKeyConflict(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }
}
