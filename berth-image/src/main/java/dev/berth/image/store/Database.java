package dev.berth.image.store;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The SQLite metadata database ({@code metadata.db}): one connection, WAL journal, {@code
 * synchronous=FULL} so a committed transaction survives a crash of the process or the machine.
 * Each owner of tables (the image store now; containers, networks, volumes later) registers its
 * schema as numbered steps; {@code user_version} per owner is kept in {@code schema_versions}.
 *
 * <p>Calls are serialised on this object: SQLite allows one writer at a time anyway, and one
 * connection keeps the JDBC driver's own state simple.
 */
public final class Database implements AutoCloseable {
  private final Path path;
  private final Connection connection;

  /** What a transaction body does; may throw {@link SQLException}, which rolls back. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private Database(Path path, Connection connection) {
    this.path = path;
    this.connection = connection;
  }

  /** Opens (creating if needed) the database at {@code path}. */
  public static Database open(Path path) {
    try {
      Files.createDirectories(path.toAbsolutePath().getParent());
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("CREATE TABLE IF NOT EXISTS schema_versions("
            + "owner TEXT PRIMARY KEY, version INTEGER NOT NULL)");
      }
      c.setAutoCommit(false);
      c.commit();
      return new Database(path, c);
    } catch (SQLException | IOException e) {
      throw BerthException.system("opening metadata database " + path + ": " + e.getMessage(), e);
    }
  }

  /**
   * Brings {@code owner}'s tables up to date: runs the steps of {@code migrations} not yet run,
   * each in its own transaction together with the new version number.
   */
  public synchronized void migrate(String owner, List<String> migrations) {
    int version = transaction("reading schema version of " + owner, c -> {
      try (var ps = c.prepareStatement("SELECT version FROM schema_versions WHERE owner = ?")) {
        ps.setString(1, owner);
        try (var rs = ps.executeQuery()) {
          return rs.next() ? rs.getInt(1) : 0;
        }
      }
    });
    for (int i = version; i < migrations.size(); i++) {
      int next = i + 1;
      String sql = migrations.get(i);
      transaction("migrating " + owner + " to schema " + next, c -> {
        try (Statement s = c.createStatement()) {
          for (String statement : sql.split(";")) {
            if (!statement.isBlank()) {
              s.execute(statement);
            }
          }
        }
        try (var ps = c.prepareStatement("INSERT INTO schema_versions(owner, version) VALUES(?, ?)"
            + " ON CONFLICT(owner) DO UPDATE SET version = excluded.version")) {
          ps.setString(1, owner);
          ps.setInt(2, next);
          ps.executeUpdate();
        }
        return null;
      });
    }
  }

  /** Runs {@code work} in one transaction: all of it is committed, or none of it. */
  public synchronized <T> T transaction(String what, Work<T> work) {
    return commit(what, work);
  }

  /**
   * A transaction for facts the daemon re-learns at start (a container's state, pid, exit
   * code): committed to the WAL without waiting for the disk ({@code synchronous=NORMAL}). A
   * crash of the process loses nothing; a power loss may lose the last such commits, never
   * corrupts the database. The next ordinary commit flushes them with its own.
   */
  public synchronized <T> T relaxedTransaction(String what, Work<T> work) {
    synchronous("NORMAL", what);
    try {
      return commit(what, work);
    } finally {
      synchronous("FULL", what);
    }
  }

  /** The connection's {@code synchronous} level (1 NORMAL, 2 FULL), for tests. */
  static int synchronousOf(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); var rs = s.executeQuery("PRAGMA synchronous")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private void synchronous(String level, String what) {
    // SQLite refuses the change inside a transaction, and the driver keeps one open between
    // commits when auto-commit is off: step out of it (nothing is pending), then back in
    try {
      connection.setAutoCommit(true);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA synchronous=" + level);
      } finally {
        connection.setAutoCommit(false);
      }
    } catch (SQLException e) {
      throw BerthException.system(what + " in " + path + ": " + e.getMessage(), e);
    }
  }

  private <T> T commit(String what, Work<T> work) {
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof RuntimeException r) {
        throw r;
      }
      throw BerthException.system(what + " in " + path + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw BerthException.system("closing " + path + ": " + e.getMessage(), e);
    }
  }
}
