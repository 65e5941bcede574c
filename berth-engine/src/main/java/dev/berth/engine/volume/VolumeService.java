package dev.berth.engine.volume;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.ContainerConfig;
import dev.berth.engine.EventLog;
import dev.berth.engine.HostConfig;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.image.Trees;
import dev.berth.image.store.Database;
import dev.berth.oci.image.ImageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Volumes of the local driver and the mounts containers get from them. On disk:
 *
 * <pre>
 * &lt;root&gt;/volumes/&lt;name&gt;/_data   the volume's data (or where its driver options mount)
 * &lt;root&gt;/metadata.db               the records ({@link VolumeStore})
 * </pre>
 *
 * <p>Crash safety: a create writes the record first, then the directory; a remove deletes the
 * record first, then the directory. So at open a record without a directory gets one again
 * (its create was cut short) and a directory without a record is removed (its remove was).
 *
 * <p>A volume is in use while a container (running or not) has it among its mounts; {@code
 * docker rm -v} removes the container's anonymous volumes with it.
 */
public final class VolumeService {
  private final Path dir;
  private final VolumeStore store;
  private final EventLog events;
  private final Containers containers;
  private final DriverMounts driverMounts = new DriverMounts();
  private final ContainerMounts mounts;

  /** What the engine tells the volumes of its containers. */
  public interface Containers {
    boolean exists(String id);

    boolean running(String id);
  }

  private VolumeService(Path root, Database db, EventLog events, Containers containers) {
    this.dir = root.resolve("volumes");
    this.store = new VolumeStore(db);
    this.events = events;
    this.containers = containers;
    this.mounts = new ContainerMounts(this, store, driverMounts);
  }

  /** The volumes under {@code root}, their records in {@code db}; reconciled with the disk. */
  public static VolumeService open(Path root, Database db, EventLog events,
      Containers containers) {
    VolumeService s = new VolumeService(root.toAbsolutePath(), db, events, containers);
    s.reconcile();
    return s;
  }

  private synchronized void reconcile() {
    Set<String> names = new HashSet<>();
    for (Volume v : store.list()) {
      names.add(v.name());
      try {
        Files.createDirectories(Path.of(v.mountpoint()));
      } catch (IOException e) {
        throw BerthException.system("volume " + v.name() + ": " + e.getMessage(), e);
      }
    }
    if (Files.isDirectory(dir)) {
      try (Stream<Path> dirs = Files.list(dir)) {
        for (Path d : dirs.toList()) {
          if (!names.contains(d.getFileName().toString())) {
            DriverMounts.unmount(d.resolve("_data"));
            Trees.deleteRecursively(d);
          }
        }
      } catch (IOException e) {
        throw BerthException.system("cleaning " + dir + ": " + e.getMessage(), e);
      }
    }
    for (var e : store.allMounts().entrySet()) {
      if (!containers.exists(e.getKey())) {
        store.detach(e.getKey());
      }
    }
    Map<String, List<MountPoint>> all = store.allMounts();
    for (Volume v : store.list()) {
      if (!LocalOptions.of(v.name(), v.options()).mounted()) {
        continue;
      }
      all.forEach((id, ms) -> {
        if (containers.running(id) && ms.stream().anyMatch(m -> v.name().equals(m.name()))) {
          driverMounts.adopt(v, id);
        }
      });
      if (!driverMounts.held(v.name())) {
        DriverMounts.unmount(Path.of(v.mountpoint()));
      }
    }
  }

  /**
   * {@code docker volume create}: a new volume, or the one of that name as it is. No name
   * gets a random 64-hex one.
   */
  public synchronized Volume create(String name, String driver, Map<String, String> options,
      Map<String, String> labels) {
    String n = name == null || name.isEmpty() ? VolumeNames.anonymous()
        : VolumeNames.checked(name);
    checkDriver(n, driver);
    Map<String, String> opts = options == null ? Map.of() : options;
    LocalOptions.of(n, opts);
    var existing = store.get(n);
    if (existing.isPresent()) {
      return existing.get();
    }
    Volume v = newVolume(n, opts, labels);
    store.insert(v);
    made(v);
    return v;
  }

  static void checkDriver(String name, String driver) {
    if (driver != null && !driver.isEmpty() && !driver.equals("local")) {
      throw BerthException.notFound("create " + name + ": error looking up volume plugin "
          + driver + ": plugin \"" + driver + "\" not found");
    }
  }

  /** A record for a new volume (not stored yet). */
  Volume newVolume(String name, Map<String, String> options, Map<String, String> labels) {
    return new Volume(name, "local", dir.resolve(name).resolve("_data").toString(),
        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), labels, options);
  }

  /** After its record: the directory, and the event. */
  void made(Volume v) {
    try {
      Files.createDirectories(Path.of(v.mountpoint()));
    } catch (IOException e) {
      throw BerthException.system("create " + v.name() + ": " + e.getMessage(), e);
    }
    events.publish("volume", "create", v.name(), Map.of("driver", v.driver()));
  }

  /** {@code docker volume inspect}. */
  public Volume get(String name) {
    return store.get(name).orElseThrow(() -> new BerthException(ErrorKind.NOT_FOUND,
        "get " + name + ": no such volume"));
  }

  /** {@code docker volume ls}, filtered (see {@link VolumeFilters}). */
  public List<Volume> list(Map<String, List<String>> filters) {
    VolumeFilters f = VolumeFilters.forList(filters);
    Map<String, Integer> refs = refCounts();
    return store.list().stream().filter(v -> f.matches(v, refs.getOrDefault(v.name(), 0)))
        .toList();
  }

  /** How many containers use each volume that is in use. */
  public Map<String, Integer> refCounts() {
    Map<String, Integer> out = new LinkedHashMap<>();
    store.allMounts().values().forEach(ms -> ms.stream().map(MountPoint::name)
        .filter(n -> n != null && !n.isEmpty()).distinct()
        .forEach(n -> out.merge(n, 1, Integer::sum)));
    return out;
  }

  /** The containers that have {@code name} among their mounts. */
  public List<String> users(String name) {
    return store.users(name);
  }

  /**
   * {@code docker volume rm}: refused while a container uses it; a missing one is fine with
   * {@code force}.
   */
  public synchronized void remove(String name, boolean force) {
    Volume v = store.get(name).orElse(null);
    if (v == null) {
      if (force) {
        return;
      }
      throw new BerthException(ErrorKind.NOT_FOUND, "get " + name + ": no such volume");
    }
    List<String> users = store.deleteUnused(name);
    if (!users.isEmpty()) {
      throw BerthException.precondition("remove " + name + ": volume is in use - ["
          + String.join(" ", users) + "]");
    }
    Path volumeDir = dir.resolve(name);
    DriverMounts.unmount(volumeDir.resolve("_data"));
    try {
      Trees.deleteRecursively(volumeDir);
    } catch (IOException e) {
      throw BerthException.system("remove " + name + ": " + e.getMessage(), e);
    }
    events.publish("volume", "destroy", name, Map.of("driver", v.driver()));
  }

  /** What prune removed, and the bytes their data took. */
  public record Pruned(List<String> names, long bytes) {}

  /**
   * {@code docker volume prune}: unused anonymous volumes, or with the {@code all} filter
   * every unused one; {@code label} filters narrow it.
   */
  public synchronized Pruned prune(Map<String, List<String>> filters) {
    VolumeFilters f = VolumeFilters.forPrune(filters);
    boolean all = Boolean.TRUE.equals(f.flag("all"));
    Map<String, Integer> refs = refCounts();
    List<String> names = new ArrayList<>();
    long bytes = 0;
    for (Volume v : store.list()) {
      if (refs.containsKey(v.name()) || !all && !v.anonymous() || !f.matches(v, 0)) {
        continue;
      }
      long size = size(v);
      try {
        remove(v.name(), true);
      } catch (BerthException e) {
        continue; // taken by a container meanwhile
      }
      names.add(v.name());
      bytes += size;
    }
    return new Pruned(names, bytes);
  }

  /** The bytes of the files in the volume's data, or -1 when they cannot be read. */
  public long size(Volume v) {
    Path data = Path.of(v.mountpoint());
    if (!Files.isDirectory(data)) {
      return -1;
    }
    try (Stream<Path> files = Files.walk(data)) {
      return files.mapToLong(p -> {
        try {
          var a = Files.readAttributes(p, java.nio.file.attribute.BasicFileAttributes.class,
              java.nio.file.LinkOption.NOFOLLOW_LINKS);
          return a.isRegularFile() ? a.size() : 0;
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException | java.io.UncheckedIOException e) {
      return -1;
    }
  }

  // the container side: one call per step of a container's life, see ContainerMounts

  /** Refuses at create what attach would refuse: malformed binds, mounts, volumes-from. */
  public static void check(HostConfig host) {
    ContainerMounts.check(host);
  }

  /**
   * At create: the container's mounts from volumes-from, binds, mounts and the image's and
   * request's anonymous volumes; volumes it names that do not exist are made. {@code idOf}
   * finds a container's id from a name or id (for volumes-from).
   */
  public List<MountPoint> attach(String containerId, ContainerConfig config, HostConfig host,
      ImageConfig.ContainerConfig image, UnaryOperator<String> idOf) {
    return mounts.attach(containerId, config, host, image, idOf);
  }

  /** The container's mounts as inspect shows them. */
  public List<MountPoint> mounts(String containerId) {
    return store.mounts(containerId).orElse(List.of());
  }

  /**
   * At start, with the container's root file system mounted at {@code rootfs}: copies image
   * content into empty volumes, mounts volumes with driver options, and adds the mounts to
   * {@code spec} (an OCI config). {@code attach} records the mounts of a container made before
   * berthd had volumes (it has none recorded); it is not called for any other.
   */
  public void mountInto(String containerId, Path rootfs, ObjectNode spec, Runnable attach) {
    if (store.mounts(containerId).isEmpty()) {
      attach.run();
    }
    mounts.mountInto(containerId, rootfs, spec);
  }

  /** When the container has stopped (or failed to start): unmounts what it alone held. */
  public void release(String containerId) {
    mounts.release(containerId);
  }

  /** At removal: forgets its mounts; with {@code removeAnonymous} ({@code rm -v}) its own volumes go. */
  public void detach(String containerId, boolean removeAnonymous) {
    mounts.detach(containerId, removeAnonymous);
  }

  void event(String action, Volume v, Map<String, String> attrs) {
    Map<String, String> a = new LinkedHashMap<>(attrs);
    a.put("driver", v.driver());
    events.publish("volume", action, v.name(), a);
  }
}
