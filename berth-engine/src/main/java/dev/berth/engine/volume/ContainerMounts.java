package dev.berth.engine.volume;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.engine.ContainerConfig;
import dev.berth.engine.ContainerEngine;
import dev.berth.engine.HostConfig;
import dev.berth.error.BerthException;
import dev.berth.oci.image.ImageConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A container's mounts through its life: resolved and recorded at create (Docker's order:
 * volumes-from first, then binds and mounts over them, then anonymous volumes for the
 * remaining {@code VOLUME} targets), turned into OCI mounts at each start, released at stop,
 * forgotten at removal.
 */
final class ContainerMounts {
  private final VolumeService volumes;
  private final VolumeStore store;
  private final DriverMounts driverMounts;

  ContainerMounts(VolumeService volumes, VolumeStore store, DriverMounts driverMounts) {
    this.volumes = volumes;
    this.store = store;
    this.driverMounts = driverMounts;
  }

  static void check(HostConfig host) {
    MountSpecs.of(host);
    host.volumesFrom().forEach(ContainerMounts::volumesFrom);
  }

  /** {@code container[:ro|rw]}: the container, and whether the mounts become read-only. */
  private static String[] volumesFrom(String spec) {
    String[] p = spec.split(":", -1);
    if (p.length > 2 || p[0].isEmpty()
        || p.length == 2 && !p[1].equals("ro") && !p[1].equals("rw")) {
      throw BerthException.invalid("invalid volumes-from specification: '" + spec + "'");
    }
    return p;
  }

  List<MountPoint> attach(String containerId, ContainerConfig config, HostConfig host,
      ImageConfig.ContainerConfig image, UnaryOperator<String> idOf) {
    Map<String, MountRequest> byTarget = new LinkedHashMap<>();
    for (String from : host.volumesFrom()) {
      String[] p = volumesFrom(from);
      String other = idOf.apply(p[0]);
      for (MountPoint m : store.mounts(other).orElse(List.of())) {
        byTarget.put(m.destination(), MountRequest.of(p.length == 2 ? m.withRw(p[1].equals("rw"))
            : m));
      }
    }
    for (MountRequest r : MountSpecs.of(host)) {
      byTarget.put(r.mount().destination(), r);
    }
    List<String> anonymous = new ArrayList<>();
    if (image != null && image.volumes() != null) {
      anonymous.addAll(image.volumes().keySet());
    }
    if (config.volumes() != null) {
      anonymous.addAll(config.volumes().keySet());
    }
    for (String target : anonymous) {
      String dst = MountSpecs.clean(target);
      if (dst.startsWith("/") && !dst.equals("/")) {
        byTarget.putIfAbsent(dst, MountRequest.of(MountSpecs.anonymous(dst, true)));
      }
    }
    synchronized (volumes) {
      List<Volume> made = new ArrayList<>();
      List<MountPoint> out = new ArrayList<>();
      for (MountRequest r : byTarget.values()) {
        MountPoint m = r.mount();
        if (!m.type().equals(MountPoint.VOLUME)) {
          out.add(m);
          continue;
        }
        Volume v;
        if (m.name().isEmpty()) {
          LocalOptions.of("", r.options());
          v = volumes.newVolume(VolumeNames.anonymous(), r.options(),
              withAnonymousLabel(r.labels()));
          made.add(v);
        } else {
          var existing = store.get(m.name());
          if (existing.isPresent()) {
            v = existing.get();
          } else {
            LocalOptions.of(m.name(), r.options());
            v = volumes.newVolume(m.name(), r.options(), r.labels());
            made.add(v);
          }
        }
        out.add(m.withVolume(v));
      }
      store.attach(containerId, made, out);
      made.forEach(volumes::made);
      return out;
    }
  }

  private static Map<String, String> withAnonymousLabel(Map<String, String> labels) {
    Map<String, String> l = new LinkedHashMap<>(labels);
    l.put(Volume.ANONYMOUS_LABEL, "");
    return l;
  }

  /** Parents before children: {@code /a} is mounted before {@code /a/b}. */
  private static final Comparator<MountPoint> DEPTH = Comparator.comparingInt(
      m -> m.destination().split("/").length);

  void mountInto(String containerId, Path rootfs, ObjectNode spec) {
    ArrayNode oci = (ArrayNode) spec.get("mounts");
    List<MountPoint> ms = new ArrayList<>(store.mounts(containerId).orElse(List.of()));
    ms.sort(DEPTH);
    for (MountPoint m : ms) {
      ObjectNode o = oci.addObject().put("destination", m.destination());
      switch (m.type()) {
        case MountPoint.TMPFS -> {
          o.put("type", "tmpfs").put("source", "tmpfs");
          ArrayNode opts = o.putArray("options").add("nosuid").add("nodev").add("noexec");
          m.tmpfsOptions().forEach(opts::add);
          opts.add(m.rw() ? "rw" : "ro");
        }
        case MountPoint.BIND -> {
          bindSource(m);
          o.put("type", "bind").put("source", m.source());
          o.putArray("options").add("rbind").add(m.propagation()).add(m.rw() ? "rw" : "ro");
        }
        default -> {
          Volume v = volumes.get(m.name());
          if (LocalOptions.of(v.name(), v.options()).mounted()) {
            driverMounts.acquire(v, containerId);
          }
          if (m.copyData()) {
            copyUp(v, rootfs, m.destination());
          }
          o.put("type", "bind").put("source", v.mountpoint());
          o.putArray("options").add("rbind").add("rprivate").add(m.rw() ? "rw" : "ro");
          volumes.event("mount", v, Map.of("container", containerId, "destination",
              m.destination(), "read/write", Boolean.toString(m.rw()), "propagation", ""));
        }
      }
    }
  }

  /**
   * {@code -v /host:/ctr} makes a missing host directory, as Docker does (and {@code --mount
   * type=bind} with {@code CreateMountpoint}).
   */
  private static void bindSource(MountPoint m) {
    Path src = Path.of(m.source());
    if (!Files.exists(src)) {
      try {
        Files.createDirectories(src);
      } catch (IOException e) {
        throw BerthException.system("error while creating mount source path '" + src + "': "
            + e.getMessage(), e);
      }
    }
  }

  /**
   * The image's content at {@code target} into the volume, if the volume is still empty. Under
   * the service's lock: two containers starting on one new volume copy once.
   */
  private void copyUp(Volume v, Path rootfs, String target) {
    Path data = Path.of(v.mountpoint());
    synchronized (volumes) {
      copyUpLocked(v, rootfs, target, data);
    }
  }

  private static void copyUpLocked(Volume v, Path rootfs, String target, Path data) {
    try {
      Path src = inRoot(rootfs, target);
      if (!Files.isDirectory(src) || !CopyUp.empty(data)) {
        return;
      }
      CopyUp.copy(src, data);
    } catch (IOException e) {
      throw BerthException.system("copying " + target + " of the image into volume " + v.name()
          + ": " + e.getMessage(), e);
    }
  }

  /** {@code path} as the container sees it, symlinks (the last one too) kept inside rootfs. */
  private static Path inRoot(Path rootfs, String path) throws IOException {
    String p = path;
    for (int i = 0; i < 40; i++) {
      Path at = rootfs.resolve(ContainerEngine.scoped(rootfs, p));
      if (!Files.isSymbolicLink(at)) {
        return at;
      }
      String link = Files.readSymbolicLink(at).toString();
      p = link.startsWith("/") ? link
          : "/" + rootfs.relativize(at.getParent()).resolve(link).toString();
    }
    throw BerthException.invalid("too many links in " + path);
  }

  void release(String containerId) {
    for (MountPoint m : store.mounts(containerId).orElse(List.of())) {
      if (m.type().equals(MountPoint.VOLUME)) {
        store.get(m.name()).filter(v -> LocalOptions.of(v.name(), v.options()).mounted())
            .ifPresent(v -> {
              if (driverMounts.release(v, containerId)) {
                volumes.event("unmount", v, Map.of("container", containerId));
              }
            });
      }
    }
  }

  void detach(String containerId, boolean removeAnonymous) {
    var recorded = store.mounts(containerId);
    if (recorded.isEmpty()) {
      return; // a container without mounts has no record to remove
    }
    List<MountPoint> ms = recorded.get();
    release(containerId);
    store.detach(containerId);
    if (!removeAnonymous) {
      return;
    }
    for (MountPoint m : ms) {
      if (m.type().equals(MountPoint.VOLUME)
          && store.get(m.name()).map(Volume::anonymous).orElse(false)) {
        try {
          volumes.remove(m.name(), true);
        } catch (BerthException e) {
          // another container uses it (volumes-from): it stays, as with Docker
        }
      }
    }
  }
}
