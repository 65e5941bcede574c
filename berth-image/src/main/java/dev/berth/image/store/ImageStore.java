package dev.berth.image.store;

import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Image metadata in the {@link Database}: images by id, the names (tags and digest references,
 * fully normalised as {@code docker.io/library/busybox:latest}) pointing at them, and the
 * unpacked size of each layer chain. Knows nothing of blobs or snapshots; the image service
 * keeps the three in step.
 *
 * <p>Names are unique: a tag points at one image, and moving it is one update. Deleting an image
 * deletes its names in the same transaction (a foreign key with cascade).
 */
public final class ImageStore {
  private static final String OWNER = "images";
  private static final List<String> SCHEMA = List.of("""
      CREATE TABLE images(
        id TEXT PRIMARY KEY,
        manifest_media_type TEXT NOT NULL,
        manifest_digest TEXT NOT NULL,
        manifest_size INTEGER NOT NULL,
        parent TEXT,
        added INTEGER NOT NULL,
        last_tag_time INTEGER);
      CREATE TABLE image_names(
        name TEXT PRIMARY KEY,
        image_id TEXT NOT NULL REFERENCES images(id) ON DELETE CASCADE,
        added INTEGER NOT NULL);
      CREATE INDEX image_names_by_image ON image_names(image_id);
      CREATE TABLE layer_sizes(
        chain_id TEXT PRIMARY KEY,
        size INTEGER NOT NULL)
      """);

  private final Database db;

  public ImageStore(Database db) {
    this.db = db;
    db.migrate(OWNER, SCHEMA);
  }

  /** An image to add and the names to point at it. */
  public record Addition(ImageRecord image, List<String> names) {
    public Addition {
      names = List.copyOf(names);
    }
  }

  /**
   * Adds each image (kept as it is if present) and points its names at it, all in one
   * transaction. Returns, for each name that pointed at another image before, that image.
   */
  public Map<String, Digest> add(List<Addition> additions) {
    return db.transaction("adding images", c -> {
      Map<String, Digest> moved = new LinkedHashMap<>();
      for (Addition a : additions) {
        insert(c, a.image());
        for (String name : a.names()) {
          point(c, name, a.image().id()).ifPresent(d -> moved.put(name, d));
        }
      }
      return moved;
    });
  }

  /** Adds one image with its names; see {@link #add(List)}. */
  public Map<String, Digest> add(ImageRecord image, List<String> names) {
    return add(List.of(new Addition(image, names)));
  }

  /** Points {@code name} at image {@code id}, which must exist; returns the image it left. */
  public Optional<Digest> setName(String name, Digest id) {
    return db.transaction("naming " + id, c -> point(c, name, id));
  }

  private static void insert(Connection c, ImageRecord image) throws SQLException {
    if (find(c, image.id()).isPresent()) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO images(id, manifest_media_type,"
        + " manifest_digest, manifest_size, parent, added, last_tag_time)"
        + " VALUES(?, ?, ?, ?, ?, ?, ?)")) {
      ps.setString(1, image.id().toString());
      ps.setString(2, image.manifest().mediaType());
      ps.setString(3, image.manifest().digest().toString());
      ps.setLong(4, image.manifest().size());
      setNullable(ps, 5, image.parent() == null ? null : image.parent().toString());
      ps.setLong(6, image.added().toEpochMilli());
      if (image.lastTagTime() == null) {
        ps.setNull(7, Types.INTEGER);
      } else {
        ps.setLong(7, image.lastTagTime().toEpochMilli());
      }
      ps.executeUpdate();
    }
  }

  private static Optional<Digest> point(Connection c, String name, Digest id)
      throws SQLException {
    Optional<Digest> before = resolve(c, name);
    if (before.isPresent() && before.get().equals(id)) {
      return Optional.empty();
    }
    long now = System.currentTimeMillis();
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO image_names(name, image_id,"
        + " added) VALUES(?, ?, ?) ON CONFLICT(name) DO UPDATE SET image_id = excluded.image_id,"
        + " added = excluded.added")) {
      ps.setString(1, name);
      ps.setString(2, id.toString());
      ps.setLong(3, now);
      ps.executeUpdate();
    }
    if (name.indexOf('@') < 0) {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE images SET last_tag_time = ? WHERE id = ?")) {
        ps.setLong(1, now);
        ps.setString(2, id.toString());
        ps.executeUpdate();
      }
    }
    return before;
  }

  public Optional<ImageRecord> get(Digest id) {
    return db.transaction("reading image " + id, c -> find(c, id));
  }

  /** Every image, oldest first. */
  public List<ImageRecord> list() {
    return db.transaction("listing images", c -> {
      List<ImageRecord> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(SELECT + " ORDER BY added, id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(record(rs));
        }
      }
      return out;
    });
  }

  /** Removes the image and every name pointing at it; false if it was not there. */
  public boolean delete(Digest id) {
    return db.transaction("deleting image " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM images WHERE id = ?")) {
        ps.setString(1, id.toString());
        return ps.executeUpdate() > 0;
      }
    });
  }

  /** The image {@code name} points at. */
  public Optional<Digest> resolve(String name) {
    return db.transaction("resolving " + name, c -> resolve(c, name));
  }

  /** Every name, sorted, with its image. */
  public Map<String, Digest> names() {
    return db.transaction("listing image names", c -> {
      Map<String, Digest> out = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT name, image_id FROM image_names ORDER BY name");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), Digest.parse(rs.getString(2)));
        }
      }
      return out;
    });
  }

  /** The names pointing at {@code id}, in the order they were added. */
  public List<String> namesOf(Digest id) {
    return db.transaction("listing names of " + id, c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT name FROM image_names WHERE image_id = ? ORDER BY added, name")) {
        ps.setString(1, id.toString());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getString(1));
          }
        }
      }
      return out;
    });
  }

  /** Removes name {@code name}; false if there was none. The image stays. */
  public boolean removeName(String name) {
    return db.transaction("removing name " + name, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM image_names WHERE name = ?")) {
        ps.setString(1, name);
        return ps.executeUpdate() > 0;
      }
    });
  }

  /** Records the unpacked size of layer chain {@code chainId}. */
  public void putLayerSize(Digest chainId, long size) {
    db.transaction("recording layer size", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO layer_sizes(chain_id, size)"
          + " VALUES(?, ?) ON CONFLICT(chain_id) DO UPDATE SET size = excluded.size")) {
        ps.setString(1, chainId.toString());
        ps.setLong(2, size);
        ps.executeUpdate();
      }
      return null;
    });
  }

  public OptionalLong layerSize(Digest chainId) {
    return db.transaction("reading layer size", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT size FROM layer_sizes WHERE chain_id = ?")) {
        ps.setString(1, chainId.toString());
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
        }
      }
    });
  }

  public void deleteLayerSize(Digest chainId) {
    db.transaction("forgetting layer size", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM layer_sizes WHERE chain_id = ?")) {
        ps.setString(1, chainId.toString());
        ps.executeUpdate();
      }
      return null;
    });
  }

  private static final String SELECT = "SELECT id, manifest_media_type, manifest_digest,"
      + " manifest_size, parent, added, last_tag_time FROM images";

  private static Optional<ImageRecord> find(Connection c, Digest id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE id = ?")) {
      ps.setString(1, id.toString());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(record(rs)) : Optional.empty();
      }
    }
  }

  private static Optional<Digest> resolve(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT image_id FROM image_names WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(Digest.parse(rs.getString(1))) : Optional.empty();
      }
    }
  }

  private static ImageRecord record(ResultSet rs) throws SQLException {
    String parent = rs.getString(5);
    long tagTime = rs.getLong(7);
    boolean noTagTime = rs.wasNull();
    return new ImageRecord(Digest.parse(rs.getString(1)),
        Descriptor.of(rs.getString(2), Digest.parse(rs.getString(3)), rs.getLong(4)),
        parent == null ? null : Digest.parse(parent), Instant.ofEpochMilli(rs.getLong(6)),
        noTagTime ? null : Instant.ofEpochMilli(tagTime));
  }

  private static void setNullable(PreparedStatement ps, int i, String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }
}
