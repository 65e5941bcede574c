package dev.berth.image.snapshot;

import dev.berth.error.BerthException;
import dev.berth.image.Trees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping both snapshotters share: ids, info.json, the key index, parent and kind checks,
 * crash leftovers. Subclasses only lay out a new snapshot's directories and say how to mount one.
 */
abstract sealed class FsSnapshotter implements Snapshotter
    permits OverlaySnapshotter, CopySnapshotter {
  /** One snapshot: its directory id and what the caller sees. */
  record Entry(String id, Info info) {}

  final Path root;
  private final Map<String, Entry> byKey = new LinkedHashMap<>();
  private long nextId = 1;

  FsSnapshotter(Path root) {
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
      load();
    } catch (IOException e) {
      throw BerthException.system("opening snapshots at " + this.root + ": " + e.getMessage(), e);
    }
  }

  /** Creates {@code dir/fs} (and whatever else) for a new snapshot on {@code parents}. */
  abstract void create(Path dir, Kind kind, List<Entry> parents) throws IOException;

  /** Mounts for an active snapshot or view; {@code parents} newest first. */
  abstract List<MountSpec> mountsOf(Entry e, List<Entry> parents);

  /** Read-only mounts of active snapshot {@code e}'s current content. */
  abstract List<MountSpec> readOnlyMountsOf(Entry e, List<Entry> parents);

  /** The whiteout form a layer applied straight into {@code fs} must take. */
  abstract dev.berth.image.layer.WhiteoutMode applyMode();

  Path dir(String id) {
    return root.resolve(id);
  }

  Path fs(String id) {
    return dir(id).resolve("fs");
  }

  @Override
  public List<MountSpec> prepare(String key, String parentKey) {
    return createSnapshot(key, parentKey, Kind.ACTIVE);
  }

  @Override
  public List<MountSpec> view(String key, String parentKey) {
    return createSnapshot(key, parentKey, Kind.VIEW);
  }

  private synchronized List<MountSpec> createSnapshot(String key, String parentKey, Kind kind) {
    checkKey(key);
    if (byKey.containsKey(key)) {
      throw BerthException.exists("snapshot " + key + " already exists");
    }
    List<Entry> parents = parentKey == null ? List.of() : chain(parentKey);
    if (!parents.isEmpty() && parents.getFirst().info().kind() != Kind.COMMITTED) {
      throw BerthException.precondition("parent " + parentKey + " of " + key
          + " is " + parents.getFirst().info().kind().json() + ", not committed");
    }
    String id = Long.toString(nextId++);
    Path dir = dir(id);
    Entry e = new Entry(id, new Info(key, parentKey, kind, Instant.now()));
    try {
      Files.createDirectory(dir);
      create(dir, kind, parents);
      InfoFile.write(dir, id, e.info());
    } catch (IOException | RuntimeException ex) {
      try {
        Trees.deleteRecursively(dir);
      } catch (IOException suppressed) {
        ex.addSuppressed(suppressed);
      }
      throw ex instanceof BerthException be ? be.wrap("preparing snapshot " + key)
          : BerthException.system("preparing snapshot " + key + ": " + ex.getMessage(), ex);
    }
    byKey.put(key, e);
    return mountsOf(e, parents);
  }

  @Override
  public synchronized void commit(String name, String activeKey) {
    checkKey(name);
    Entry e = get(activeKey);
    if (e.info().kind() != Kind.ACTIVE) {
      throw BerthException.precondition("snapshot " + activeKey + " is "
          + e.info().kind().json() + ", only an active snapshot can be committed");
    }
    if (byKey.containsKey(name)) {
      throw BerthException.exists("snapshot " + name + " already exists");
    }
    Entry committed = new Entry(e.id(),
        new Info(name, e.info().parent(), Kind.COMMITTED, e.info().created()));
    try {
      InfoFile.write(dir(e.id()), e.id(), committed.info());
    } catch (IOException ex) {
      throw BerthException.system("committing " + activeKey + " as " + name + ": "
          + ex.getMessage(), ex);
    }
    byKey.remove(activeKey);
    byKey.put(name, committed);
  }

  @Override
  public synchronized List<MountSpec> mounts(String key) {
    Entry e = get(key);
    if (e.info().kind() == Kind.COMMITTED) {
      throw BerthException.precondition("snapshot " + key
          + " is committed and cannot be mounted; make a view of it");
    }
    List<Entry> chain = chain(key);
    return mountsOf(e, chain.subList(1, chain.size()));
  }

  @Override
  public synchronized ApplyTarget applyTarget(String key) {
    return new ApplyTarget(fs(active(key).id()), applyMode());
  }

  @Override
  public synchronized List<MountSpec> readOnlyMounts(String key) {
    Entry e = active(key);
    List<Entry> chain = chain(key);
    return readOnlyMountsOf(e, chain.subList(1, chain.size()));
  }

  private Entry active(String key) {
    Entry e = get(key);
    if (e.info().kind() != Kind.ACTIVE) {
      throw BerthException.precondition("snapshot " + key + " is " + e.info().kind().json()
          + ", not active");
    }
    return e;
  }

  @Override
  public synchronized Runnable detach(String key) {
    Entry e = get(key);
    List<String> children = byKey.values().stream()
        .filter(c -> key.equals(c.info().parent())).map(c -> c.info().key()).toList();
    if (!children.isEmpty()) {
      throw BerthException.precondition("snapshot " + key + " is the parent of "
          + String.join(", ", children) + "; remove those first");
    }
    Path gone = root.resolve(".rm-" + e.id());
    try {
      Files.move(dir(e.id()), gone, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ex) {
      throw BerthException.system("removing snapshot " + key + ": " + ex.getMessage(), ex);
    }
    byKey.remove(key);
    return () -> {
      try {
        Trees.deleteRecursively(gone);
      } catch (IOException ex) {
        throw BerthException.system("removing snapshot " + key + " (files left at " + gone
            + ", deleted at next open): " + ex.getMessage(), ex);
      }
    };
  }

  @Override
  public synchronized List<Info> list() {
    return byKey.values().stream().map(Entry::info).toList();
  }

  @Override
  public synchronized Info stat(String key) {
    return get(key).info();
  }

  private Entry get(String key) {
    Entry e = key == null ? null : byKey.get(key);
    if (e == null) {
      throw BerthException.notFound("snapshot " + key + " not found");
    }
    return e;
  }

  /** {@code key} and its ancestors, newest first. */
  private List<Entry> chain(String key) {
    List<Entry> out = new ArrayList<>();
    for (String k = key; k != null; k = out.getLast().info().parent()) {
      out.add(get(k));
      if (out.size() > byKey.size()) {
        throw new IllegalStateException("parent cycle at " + key);
      }
    }
    return out;
  }

  private static void checkKey(String key) {
    if (key == null || key.isEmpty()) {
      throw BerthException.invalid("snapshot key must not be empty");
    }
  }

  private void load() throws IOException {
    List<Entry> found = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (name.startsWith(".rm-")) {
          Trees.deleteRecursively(p);
        } else if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
          if (!Files.exists(p.resolve(InfoFile.NAME))) {
            Trees.deleteRecursively(p); // creation never finished
            continue;
          }
          var idAndInfo = InfoFile.read(p);
          found.add(new Entry(name, idAndInfo.getValue()));
          nextId = Math.max(nextId, Long.parseLong(name) + 1);
        }
      }
    }
    found.sort(Comparator.comparingLong(e -> Long.parseLong(e.id())));
    for (Entry e : found) {
      byKey.put(e.info().key(), e);
    }
  }
}
