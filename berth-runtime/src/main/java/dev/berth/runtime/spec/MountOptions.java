package dev.berth.runtime.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * A mount's option list split the way mount(2) wants it: flags, a propagation change applied
 * after the mount, and the rest as the filesystem's data string.
 */
public record MountOptions(long flags, long propagation, String data) {

  public boolean bind() {
    return (flags & MountFlags.BIND) != 0;
  }

  public static MountOptions parse(List<String> options) {
    long flags = 0;
    long propagation = 0;
    List<String> data = new ArrayList<>();
    for (String o : options) {
      switch (o) {
        case "defaults", "async", "suid", "dev", "exec", "nomand", "norelatime", "loud" -> {
          // the kernel's default for a fresh mount
        }
        case "ro" -> flags |= MountFlags.RDONLY;
        case "rw" -> flags &= ~MountFlags.RDONLY;
        case "nosuid" -> flags |= MountFlags.NOSUID;
        case "nodev" -> flags |= MountFlags.NODEV;
        case "noexec" -> flags |= MountFlags.NOEXEC;
        case "sync" -> flags |= MountFlags.SYNCHRONOUS;
        case "dirsync" -> flags |= MountFlags.DIRSYNC;
        case "remount" -> flags |= MountFlags.REMOUNT;
        case "mand" -> flags |= MountFlags.MANDLOCK;
        case "noatime" -> flags |= MountFlags.NOATIME;
        case "nodiratime" -> flags |= MountFlags.NODIRATIME;
        case "atime" -> flags &= ~MountFlags.NOATIME;
        case "diratime" -> flags &= ~MountFlags.NODIRATIME;
        case "relatime" -> flags |= MountFlags.RELATIME;
        case "strictatime" -> flags |= MountFlags.STRICTATIME;
        case "lazytime" -> flags |= MountFlags.LAZYTIME;
        case "nosymfollow" -> flags |= MountFlags.NOSYMFOLLOW;
        case "bind" -> flags |= MountFlags.BIND;
        case "rbind" -> flags |= MountFlags.BIND | MountFlags.REC;
        case "private" -> propagation = MountFlags.PRIVATE;
        case "rprivate" -> propagation = MountFlags.PRIVATE | MountFlags.REC;
        case "shared" -> propagation = MountFlags.SHARED;
        case "rshared" -> propagation = MountFlags.SHARED | MountFlags.REC;
        case "slave" -> propagation = MountFlags.SLAVE;
        case "rslave" -> propagation = MountFlags.SLAVE | MountFlags.REC;
        case "unbindable" -> propagation = MountFlags.UNBINDABLE;
        case "runbindable" -> propagation = MountFlags.UNBINDABLE | MountFlags.REC;
        default -> data.add(o);
      }
    }
    return new MountOptions(flags, propagation, String.join(",", data));
  }

  /** rootfsPropagation as mount(2) flags; Docker and runc default to rslave. */
  public static long rootPropagation(String value, String field) {
    if (value == null || value.isEmpty()) return MountFlags.SLAVE | MountFlags.REC;
    MountOptions o = parse(List.of(value));
    if (o.propagation == 0 || !o.data.isEmpty()) {
      throw dev.berth.error.BerthException.invalid(field + ": unknown propagation \"" + value + "\"");
    }
    return o.propagation;
  }
}
