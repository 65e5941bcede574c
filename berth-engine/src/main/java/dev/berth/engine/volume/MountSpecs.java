package dev.berth.engine.volume;

import dev.berth.engine.HostConfig;
import dev.berth.engine.Mount;
import dev.berth.error.BerthException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads what {@code docker create} asks to mount: {@code Binds} ({@code -v src:dst[:opts]},
 * where a source that is no absolute path names a volume) and {@code Mounts} ({@code --mount
 * type=bind|volume|tmpfs,...}), with Docker's checks and messages.
 */
final class MountSpecs {
  private static final Set<String> PROPAGATIONS = Set.of("private", "rprivate", "shared",
      "rshared", "slave", "rslave");

  private MountSpecs() {}

  /** The requests of {@code host}'s binds and mounts, in that order; duplicates refused. */
  static List<MountRequest> of(HostConfig host) {
    List<MountRequest> out = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (String bind : host.binds()) {
      add(out, seen, bind(bind));
    }
    for (Mount m : host.mounts()) {
      add(out, seen, mount(m));
    }
    return out;
  }

  private static void add(List<MountRequest> out, Set<String> seen, MountRequest r) {
    if (!seen.add(r.mount().destination())) {
      throw BerthException.invalid("Duplicate mount point: " + r.mount().destination());
    }
    out.add(r);
  }

  /** {@code -v}: {@code /src:/dst[:opts]}, {@code name:/dst[:opts]} or just {@code /dst}. */
  static MountRequest bind(String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length > 3 || parts.length == 0 || spec.isEmpty()) {
      throw BerthException.invalid("invalid volume specification: '" + spec + "'");
    }
    if (parts.length == 1) {
      return MountRequest.of(anonymous(destination(spec, parts[0]), true));
    }
    String src = parts[0];
    String dst = destination(spec, parts[1]);
    String opts = parts.length == 3 ? parts[2] : "";
    boolean rw = true;
    boolean copy = true;
    String propagation = null;
    for (String o : opts.isEmpty() ? new String[0] : opts.split(",")) {
      switch (o) {
        case "ro" -> rw = false;
        case "rw", "z", "Z" -> { }
        case "nocopy" -> copy = false;
        default -> {
          if (!PROPAGATIONS.contains(o)) {
            throw BerthException.invalid("invalid mode: " + opts);
          }
          propagation = o;
        }
      }
    }
    if (src.isEmpty()) {
      throw BerthException.invalid("invalid volume specification: '" + spec + "'");
    }
    if (src.startsWith("/")) {
      if (!copy) {
        throw BerthException.invalid("invalid mode: " + opts);
      }
      return MountRequest.of(new MountPoint(MountPoint.BIND, null, clean(src), dst, null, opts,
          rw, propagation == null ? "rprivate" : propagation, false, null));
    }
    if (propagation != null) {
      throw BerthException.invalid("invalid mode: " + opts);
    }
    VolumeNames.checked(src);
    return MountRequest.of(new MountPoint(MountPoint.VOLUME, src, null, dst, "local",
        opts.isEmpty() ? "z" : opts, rw, "", copy, null));
  }

  /** {@code --mount}: Docker's {@code Mounts[]} entry. */
  static MountRequest mount(Mount m) {
    String type = m.type() == null ? "" : m.type();
    String what = "invalid mount config for type \"" + type + "\": ";
    if (m.target() == null || m.target().isEmpty()) {
      throw BerthException.invalid(what + "field Target must not be empty");
    }
    if (!m.target().startsWith("/")) {
      throw BerthException.invalid(what + "invalid mount path: '" + m.target() + "' mount path"
          + " must be absolute");
    }
    String dst = destination(m.target(), m.target());
    String src = m.source() == null ? "" : m.source();
    return switch (type) {
      case "bind" -> {
        if (src.isEmpty()) {
          throw BerthException.invalid(what + "field Source must not be empty");
        }
        if (!src.startsWith("/")) {
          throw BerthException.invalid(what + "invalid mount path: '" + src + "' mount path"
              + " must be absolute");
        }
        boolean create = m.bindOptions() != null && m.bindOptions().createMountpoint();
        if (!create && !Files.exists(Path.of(src))) {
          throw BerthException.invalid(what + "bind source path does not exist: " + src);
        }
        String p = m.bindOptions() == null || m.bindOptions().propagation() == null
            || m.bindOptions().propagation().isEmpty() ? "rprivate"
            : m.bindOptions().propagation();
        if (!PROPAGATIONS.contains(p)) {
          throw BerthException.invalid(what + "invalid propagation mode: " + p);
        }
        yield MountRequest.of(new MountPoint(MountPoint.BIND, null, clean(src), dst, null, "",
            !m.readOnly(), p, false, null));
      }
      case "volume" -> {
        var vo = m.volumeOptions();
        if (!src.isEmpty()) {
          VolumeNames.checked(src);
        }
        var dc = vo == null ? null : vo.driverConfig();
        if (dc != null && dc.name() != null && !dc.name().isEmpty()
            && !dc.name().equals("local")) {
          throw BerthException.invalid(what + "volume driver " + dc.name() + " is not"
              + " supported: only local");
        }
        MountPoint mp = new MountPoint(MountPoint.VOLUME, src, null, dst, "local", "",
            !m.readOnly(), "", vo == null || !vo.noCopy(), null);
        yield new MountRequest(mp, vo == null ? null : vo.labels(),
            dc == null ? null : dc.options());
      }
      case "tmpfs" -> {
        if (!src.isEmpty()) {
          throw BerthException.invalid(what + "field Source must not be specified");
        }
        List<String> opts = new ArrayList<>();
        var to = m.tmpfsOptions();
        if (to != null && to.sizeBytes() < 0) {
          throw BerthException.invalid(what + "invalid tmpfs size: " + to.sizeBytes());
        }
        if (to != null && to.sizeBytes() > 0) {
          opts.add("size=" + to.sizeBytes());
        }
        if (to != null && to.mode() != 0) {
          opts.add("mode=" + Integer.toOctalString(to.mode()));
        }
        yield MountRequest.of(new MountPoint(MountPoint.TMPFS, null, "", dst, null, "",
            !m.readOnly(), "", false, opts));
      }
      default -> throw BerthException.invalid("mount type " + (type.isEmpty() ? "\"\"" : type)
          + " is not supported: use bind, volume or tmpfs");
    };
  }

  /** An anonymous volume at {@code dst} (its name comes when it is made). */
  static MountPoint anonymous(String dst, boolean copy) {
    return new MountPoint(MountPoint.VOLUME, "", null, dst, "local", "", true, "", copy, null);
  }

  private static String destination(String context, String dst) {
    if (!dst.startsWith("/")) {
      throw BerthException.invalid("invalid volume specification: '" + context + "': invalid"
          + " mount config for type \"volume\": invalid mount path: '" + dst + "' mount path"
          + " must be absolute");
    }
    String c = clean(dst);
    if (c.equals("/")) {
      throw BerthException.invalid("invalid volume specification: '" + context + "':"
          + " invalid mount config: destination can't be '/'");
    }
    return c;
  }

  /** {@code /a//b/} → {@code /a/b}. */
  static String clean(String p) {
    String n = Path.of(p).normalize().toString();
    return n.isEmpty() ? "/" : n;
  }
}
