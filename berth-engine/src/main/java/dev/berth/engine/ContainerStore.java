package dev.berth.engine;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import dev.berth.image.store.Database;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Container records in the metadata database: one row per container, its name unique (the
 * database enforces it, so two creates racing for a name cannot both win), the record as JSON.
 * Every write is one transaction, so a crash leaves each record as it was before or after.
 *
 * <p>The records are also held in memory, read once at open and replaced after each commit:
 * finding a container by name or short id, which every CLI command does, would otherwise parse
 * every record in the database. Writes are serialised here so memory follows the commits'
 * order; reads take no lock.
 */
final class ContainerStore {
  static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final List<String> SCHEMA = List.of("""
      CREATE TABLE containers(
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        record TEXT NOT NULL)
      """);

  private final Database db;
  private final java.util.Map<String, Container> byId =
      new java.util.concurrent.ConcurrentHashMap<>();

  ContainerStore(Database db) {
    this.db = db;
    db.migrate("containers", SCHEMA);
    for (Container c : read()) {
      byId.put(c.id(), c);
    }
  }

  /** Adds a new container; false when its name is taken. */
  synchronized boolean insert(Container c) {
    boolean added = db.transaction("adding container " + c.id(), conn -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "INSERT INTO containers(id, name, record) VALUES(?, ?, ?) ON CONFLICT DO NOTHING")) {
        ps.setString(1, c.id());
        ps.setString(2, c.name());
        ps.setString(3, json(c));
        return ps.executeUpdate() == 1;
      }
    });
    if (added) {
      byId.put(c.id(), c);
    }
    return added;
  }

  /** Renames; false when the new name is taken (the database keeps names unique). */
  synchronized boolean rename(Container c, String name) {
    boolean renamed = db.transaction("renaming container " + c.id(), conn -> {
      try (PreparedStatement ps = conn.prepareStatement(
          "UPDATE containers SET name = ?, record = ? WHERE id = ? AND NOT EXISTS"
              + " (SELECT 1 FROM containers WHERE name = ?)")) {
        ps.setString(1, name);
        ps.setString(2, json(c.withName(name)));
        ps.setString(3, c.id());
        ps.setString(4, name);
        return ps.executeUpdate() == 1;
      }
    });
    if (renamed) {
      byId.put(c.id(), c.withName(name));
    }
    return renamed;
  }

  /** Replaces a container's record (its name may change: rename). */
  synchronized void update(Container c) {
    db.transaction("updating container " + c.id(), conn -> write(conn, c));
    byId.replace(c.id(), c);
  }

  /**
   * Records a change of runtime state (running with its pid, exited with its code, paused):
   * durable against a crash of the daemon but not flushed to disk each time, as these are
   * facts the daemon re-learns from the runtime at start, and an fsync per change costs a
   * start several milliseconds, far more when the disk is busy. What the user chose (limits,
   * a stop that restart policies must respect, names) goes through {@link #update}.
   */
  synchronized void updateState(Container c) {
    db.relaxedTransaction("updating the state of container " + c.id(), conn -> write(conn, c));
    byId.replace(c.id(), c);
  }

  private static Void write(java.sql.Connection conn, Container c) throws java.sql.SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "UPDATE containers SET name = ?, record = ? WHERE id = ?")) {
      ps.setString(1, c.name());
      ps.setString(2, json(c));
      ps.setString(3, c.id());
      ps.executeUpdate();
    }
    return null;
  }

  synchronized void delete(String id) {
    db.transaction("removing container " + id, conn -> {
      try (PreparedStatement ps = conn.prepareStatement("DELETE FROM containers WHERE id = ?")) {
        ps.setString(1, id);
        ps.executeUpdate();
      }
      return null;
    });
    byId.remove(id);
  }

  Optional<Container> get(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every container, oldest first. */
  List<Container> list() {
    List<Container> out = new ArrayList<>(byId.values());
    out.sort(java.util.Comparator.comparing(Container::created));
    return out;
  }

  private List<Container> read() {
    return db.transaction("listing containers", conn -> {
      List<Container> out = new ArrayList<>();
      try (PreparedStatement ps = conn.prepareStatement("SELECT record FROM containers");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(parse(rs.getString(1)));
        }
      }
      return out;
    });
  }

  private static String json(Container c) {
    try {
      return JSON.writeValueAsString(c);
    } catch (IOException e) {
      throw BerthException.system("writing container " + c.id() + ": " + e.getMessage(), e);
    }
  }

  private static Container parse(String s) {
    try {
      return JSON.readValue(s, Container.class);
    } catch (IOException e) {
      throw BerthException.system("reading a container record: " + e.getMessage(), e);
    }
  }
}
