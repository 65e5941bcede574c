package dev.berth.engine.volume;

import dev.berth.error.BerthException;
import dev.berth.sys.Errno;
import dev.berth.sys.Mounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The local driver's options, as {@code mount(8)} takes them: {@code type} (the file system),
 * {@code device} (its source) and {@code o} (comma-separated flags and data). A volume with
 * none is a plain directory; one with them is mounted on its {@code _data} while a container
 * uses it.
 */
record LocalOptions(String type, String device, String o) {
  private static final Set<String> KEYS = Set.of("type", "device", "o");

  /** Docker's checks: only these keys, and type and device together. */
  static LocalOptions of(String volume, Map<String, String> opts) {
    for (String k : opts.keySet()) {
      if (!KEYS.contains(k)) {
        throw BerthException.invalid("create " + volume + ": invalid option: \"" + k + "\"");
      }
    }
    boolean type = opts.containsKey("type");
    boolean device = opts.containsKey("device");
    if (device && !type || opts.containsKey("o") && !type) {
      throw BerthException.invalid("create " + volume + ": missing required option: \"type\"");
    }
    if (type && !device) {
      throw BerthException.invalid("create " + volume + ": missing required option: \"device\"");
    }
    return new LocalOptions(opts.get("type"), opts.get("device"), opts.get("o"));
  }

  /** Whether the volume is a file system of its own rather than a directory. */
  boolean mounted() {
    return type != null;
  }

  /** Mounts the file system the options name on {@code target}. */
  void mount(String volume, Path target) {
    long flags = 0;
    List<String> data = new ArrayList<>();
    if (o != null && !o.isEmpty()) {
      for (String opt : o.split(",")) {
        switch (opt) {
          case "ro" -> flags |= Mounts.MS_RDONLY;
          case "rw", "defaults" -> { }
          case "nosuid" -> flags |= Mounts.MS_NOSUID;
          case "nodev" -> flags |= Mounts.MS_NODEV;
          case "noexec" -> flags |= Mounts.MS_NOEXEC;
          case "bind" -> flags |= Mounts.MS_BIND;
          case "rbind" -> flags |= Mounts.MS_BIND | Mounts.MS_REC;
          default -> data.add(opt);
        }
      }
    }
    boolean bind = (flags & Mounts.MS_BIND) != 0;
    try {
      Mounts.mount(device, target, bind || "none".equals(type) ? null : type, flags,
          data.isEmpty() ? null : String.join(",", data));
      if (bind && (flags & Mounts.MS_RDONLY) != 0) {
        // a bind ignores MS_RDONLY until it is remounted
        Mounts.mount(null, target, null, Mounts.MS_REMOUNT | Mounts.MS_BIND | Mounts.MS_RDONLY,
            null);
      }
    } catch (Errno e) {
      throw BerthException.system("error while mounting volume '" + target + "' of " + volume
          + ": " + e.getMessage(), e);
    }
  }
}
