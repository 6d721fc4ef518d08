package dev.cascade.cli.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Liquibase marks a database as "being migrated" in DATABASECHANGELOGLOCK and unmarks it when done.
 * A service stopped in the middle of its migration (Ctrl-C during startup) leaves the mark, and the
 * next start waits on it for minutes. The local stack's H2 databases can only be open in one process
 * at a time and the stack has just made sure none of its services runs, so such a mark is known to
 * be stale and is released here. (In production, SQL Server locks are released by the operator.)
 */
final class StaleMigrationLocks {

    private StaleMigrationLocks() {
    }

    /** Releases stale locks in every H2 database under {@code dbDir}; returns the names of the databases released. */
    static List<String> release(Path dbDir) {
        List<String> released = new ArrayList<>();
        if (!Files.isDirectory(dbDir)) {
            return released;
        }
        try (Stream<Path> files = Files.list(dbDir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).sorted().toList()) {
                String name = file.getFileName().toString().replace(".mv.db", "");
                if (releaseIn(dbDir.resolve(name))) {
                    released.add(name);
                }
            }
        } catch (IOException e) {
            throw new LocalStackException("cannot list the databases in " + dbDir + ": " + e.getMessage(), e);
        }
        return released;
    }

    private static boolean releaseIn(Path database) {
        String url = "jdbc:h2:file:" + database.toAbsolutePath() + ";MODE=MSSQLServer;IFEXISTS=TRUE";
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             Statement statement = connection.createStatement()) {
            try (ResultSet tables = connection.getMetaData().getTables(null, null, "DATABASECHANGELOGLOCK", null)) {
                if (!tables.next()) {
                    return false;
                }
            }
            return statement.executeUpdate(
                    "UPDATE DATABASECHANGELOGLOCK SET LOCKED = FALSE, LOCKGRANTED = NULL, LOCKEDBY = NULL WHERE LOCKED = TRUE") > 0;
        } catch (SQLException e) {
            throw new LocalStackException("cannot open the local database " + database + " (" + e.getMessage()
                    + "). Is another process using it?", e);
        }
    }
}
