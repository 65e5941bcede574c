package dev.berth.image.snapshot;

import dev.berth.error.BerthException;
import dev.berth.sys.Errno;
import dev.berth.sys.Mounts;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Performs {@link MountSpec}s at a target with mount(2), and undoes them. Flag words ({@code ro},
 * {@code rw}, {@code bind}, {@code rbind}, {@code nosuid}, {@code nodev}, {@code noexec}) become
 * mount flags; every other option is passed as file system data, joined by commas. A read-only
 * bind is a bind followed by a read-only remount, as the kernel ignores {@code MS_RDONLY} on the
 * first.
 */
public final class Mounter {
  private static final int EINVAL = 22;
  private static final Map<String, Long> FLAGS = Map.of(
      "ro", Mounts.MS_RDONLY,
      "rw", 0L,
      "bind", Mounts.MS_BIND,
      "rbind", Mounts.MS_BIND | Mounts.MS_REC,
      "nosuid", Mounts.MS_NOSUID,
      "nodev", Mounts.MS_NODEV,
      "noexec", Mounts.MS_NOEXEC);

  private Mounter() {}

  static boolean isFlag(String option) {
    return FLAGS.containsKey(option);
  }

  /**
   * Mounts each spec at {@code target} in order (later ones on top). On failure, what was mounted
   * already is unmounted again.
   */
  public static void mount(List<MountSpec> mounts, Path target) {
    Path abs = target.toAbsolutePath();
    int done = 0;
    try {
      for (MountSpec m : mounts) {
        mountOne(m, abs);
        done++;
      }
    } catch (RuntimeException e) {
      for (int i = 0; i < done; i++) {
        try {
          Mounts.umount2(abs, Mounts.MNT_DETACH);
        } catch (Errno suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e instanceof Errno
          ? BerthException.system("mounting at " + abs + ": " + e.getMessage(), e) : e;
    }
  }

  private static void mountOne(MountSpec m, Path target) {
    long flags = 0;
    List<String> data = new ArrayList<>();
    for (String o : m.options()) {
      Long f = FLAGS.get(o);
      if (f == null) {
        data.add(o);
      } else {
        flags |= f;
      }
    }
    String type = m.type();
    if ("bind".equals(type)) {
      flags |= Mounts.MS_BIND;
      type = null;
    }
    String joined = data.isEmpty() ? null : String.join(",", data);
    if (m.chdir() != null) {
      Mounts.mountIn(m.chdir(), m.source(), target, type, flags, joined);
    } else {
      Mounts.mount(m.source(), target, type, flags, joined);
    }
    if ((flags & Mounts.MS_BIND) != 0 && (flags & Mounts.MS_RDONLY) != 0) {
      try {
        Mounts.mount(null, target, null,
            Mounts.MS_REMOUNT | Mounts.MS_BIND | Mounts.MS_RDONLY, null);
      } catch (Errno e) {
        Mounts.umount2(target, Mounts.MNT_DETACH);
        throw e;
      }
    }
  }

  /**
   * Unmounts everything mounted at {@code target}, top first, until it is no longer a mount
   * point; a target with nothing mounted is fine.
   */
  public static void unmount(Path target) {
    Path abs = target.toAbsolutePath();
    for (int i = 0; i < 1000; i++) {
      try {
        Mounts.umount2(abs, 0);
      } catch (Errno e) {
        if (e.errno() == EINVAL || e.errno() == Errno.ENOENT) {
          return;
        }
        throw BerthException.system("unmounting " + abs + ": " + e.getMessage(), e);
      }
    }
    throw BerthException.system("unmounting " + abs + ": still mounted after 1000 unmounts",
        null);
  }
}
