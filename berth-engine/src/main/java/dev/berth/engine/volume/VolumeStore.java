package dev.berth.engine.volume;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.berth.error.BerthException;
import dev.berth.image.store.Database;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Volume records and each container's mounts in the metadata database:
 *
 * <pre>
 * volumes(name PRIMARY KEY, record)                one row per volume, Volume as JSON
 * container_mounts(container_id PRIMARY KEY, mounts)  the container's MountPoints as JSON
 * </pre>
 *
 * A volume is in use while any container's mounts name it. Every write is one transaction.
 */
final class VolumeStore {
  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  private static final TypeReference<List<MountPoint>> MOUNTS = new TypeReference<>() { };
  private static final List<String> SCHEMA = List.of("""
      CREATE TABLE volumes(
        name TEXT PRIMARY KEY,
        record TEXT NOT NULL);
      CREATE TABLE container_mounts(
        container_id TEXT PRIMARY KEY,
        mounts TEXT NOT NULL)
      """);

  private final Database db;

  VolumeStore(Database db) {
    this.db = db;
    db.migrate("volumes", SCHEMA);
  }

  /** Adds {@code v}; false when a volume of that name exists. */
  boolean insert(Volume v) {
    return db.transaction("adding volume " + v.name(), c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO volumes(name, record) VALUES(?, ?) ON CONFLICT DO NOTHING")) {
        ps.setString(1, v.name());
        ps.setString(2, write(v));
        return ps.executeUpdate() == 1;
      }
    });
  }

  Optional<Volume> get(String name) {
    return db.transaction("reading volume " + name, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT record FROM volumes WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs.getString(1), Volume.class))
              : Optional.empty();
        }
      }
    });
  }

  /** Every volume, by name. */
  List<Volume> list() {
    return db.transaction("listing volumes", c -> {
      List<Volume> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT record FROM volumes ORDER BY name"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(read(rs.getString(1), Volume.class));
        }
      }
      return out;
    });
  }

  /**
   * Deletes {@code name} unless a container's mounts name it; the users found instead (empty
   * when it was deleted or did not exist).
   */
  List<String> deleteUnused(String name) {
    return db.transaction("removing volume " + name, c -> {
      List<String> users = usersIn(c, name);
      if (users.isEmpty()) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM volumes WHERE name = ?")) {
          ps.setString(1, name);
          ps.executeUpdate();
        }
      }
      return users;
    });
  }

  /** The containers whose mounts name volume {@code name}. */
  List<String> users(String name) {
    return db.transaction("reading users of volume " + name, c -> usersIn(c, name));
  }

  private static List<String> usersIn(java.sql.Connection c, String name)
      throws java.sql.SQLException {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<MountPoint>> e : mountsIn(c).entrySet()) {
      if (e.getValue().stream().anyMatch(m -> name.equals(m.name()))) {
        out.add(e.getKey());
      }
    }
    return out;
  }

  /** Every container's mounts, by container id. */
  Map<String, List<MountPoint>> allMounts() {
    return db.transaction("reading container mounts", VolumeStore::mountsIn);
  }

  private static Map<String, List<MountPoint>> mountsIn(java.sql.Connection c)
      throws java.sql.SQLException {
    Map<String, List<MountPoint>> out = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT container_id, mounts FROM container_mounts"); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.put(rs.getString(1), read(rs.getString(2), MOUNTS));
      }
    }
    return out;
  }

  /**
   * Records a container's mounts together with the volumes they made: both or neither, so no
   * new volume is ever without the container it was made for.
   */
  void attach(String containerId, List<Volume> created, List<MountPoint> mounts) {
    if (created.isEmpty() && mounts.isEmpty()) {
      return; // nothing to record: a start with no record finds no mounts either
    }
    db.transaction("recording mounts of container " + containerId, c -> {
      for (Volume v : created) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO volumes(name, record) VALUES(?, ?) ON CONFLICT DO NOTHING")) {
          ps.setString(1, v.name());
          ps.setString(2, write(v));
          ps.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO container_mounts(container_id,"
          + " mounts) VALUES(?, ?) ON CONFLICT(container_id) DO UPDATE SET mounts ="
          + " excluded.mounts")) {
        ps.setString(1, containerId);
        ps.setString(2, write(mounts));
        ps.executeUpdate();
      }
      return null;
    });
  }

  Optional<List<MountPoint>> mounts(String containerId) {
    return db.transaction("reading mounts of container " + containerId, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT mounts FROM container_mounts WHERE container_id = ?")) {
        ps.setString(1, containerId);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(read(rs.getString(1), MOUNTS)) : Optional.empty();
        }
      }
    });
  }

  void detach(String containerId) {
    db.transaction("removing mounts of container " + containerId, c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM container_mounts WHERE container_id = ?")) {
        ps.setString(1, containerId);
        ps.executeUpdate();
      }
      return null;
    });
  }

  private static String write(Object o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (IOException e) {
      throw BerthException.system("writing a volume record: " + e.getMessage(), e);
    }
  }

  private static <T> T read(String s, Class<T> type) {
    try {
      return JSON.readValue(s, type);
    } catch (IOException e) {
      throw BerthException.system("reading a volume record: " + e.getMessage(), e);
    }
  }

  private static <T> T read(String s, TypeReference<T> type) {
    try {
      return JSON.readValue(s, type);
    } catch (IOException e) {
      throw BerthException.system("reading a container's mounts: " + e.getMessage(), e);
    }
  }
}
