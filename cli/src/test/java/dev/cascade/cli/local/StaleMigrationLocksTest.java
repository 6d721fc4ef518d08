package dev.cascade.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleMigrationLocksTest {

    @Test
    void releasesALockLeftByAnInterruptedMigrationAndLeavesOtherDatabasesAlone(@TempDir Path db) throws Exception {
        execute(db.resolve("licensing"), "CREATE TABLE DATABASECHANGELOGLOCK (ID INT PRIMARY KEY, LOCKED BOOLEAN NOT NULL,"
                + " LOCKGRANTED TIMESTAMP, LOCKEDBY VARCHAR(255))",
                "INSERT INTO DATABASECHANGELOGLOCK VALUES (1, TRUE, CURRENT_TIMESTAMP, 'host (10.0.0.1)')");
        execute(db.resolve("metadata"), "CREATE TABLE DATABASECHANGELOGLOCK (ID INT PRIMARY KEY, LOCKED BOOLEAN NOT NULL,"
                + " LOCKGRANTED TIMESTAMP, LOCKEDBY VARCHAR(255))",
                "INSERT INTO DATABASECHANGELOGLOCK VALUES (1, FALSE, NULL, NULL)");
        execute(db.resolve("topology"), "CREATE TABLE OTHER (ID INT)");

        assertThat(StaleMigrationLocks.release(db)).containsExactly("licensing");
        assertThat(locked(db.resolve("licensing"))).isFalse();
        assertThat(StaleMigrationLocks.release(db)).isEmpty();
    }

    @Test
    void aMissingDatabaseDirectoryIsNothingToRelease(@TempDir Path dir) {
        assertThat(StaleMigrationLocks.release(dir.resolve("db"))).isEmpty();
    }

    private static void execute(Path database, String... sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database + ";MODE=MSSQLServer", "sa", "");
             Statement s = c.createStatement()) {
            for (String statement : sql) {
                s.execute(statement);
            }
        }
    }

    private static boolean locked(Path database) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:file:" + database + ";MODE=MSSQLServer", "sa", "");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT LOCKED FROM DATABASECHANGELOGLOCK")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }
}
