package dev.berth.image.layer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a file this process creates gets without being asked: the owner is the file-system uid
 * and gid, the mode is the requested one less the umask. A layer entry whose owner and mode are
 * exactly that needs no lchown and no chmod (two of the six syscalls of a typical small file).
 * Read once from {@code /proc/self/status}; when that cannot be read, nothing is assumed and
 * every entry gets its calls.
 */
record CreationDefaults(int fsuid, int fsgid, int umask) {
  /** This process's, or null when unknown. */
  static final CreationDefaults PROCESS = read(Path.of("/proc/self/status"));

  static CreationDefaults read(Path status) {
    try {
      List<String> lines = Files.readAllLines(status);
      Integer uid = null;
      Integer gid = null;
      Integer umask = null;
      for (String line : lines) {
        String[] f = line.split("\\s+");
        switch (f[0]) {
          case "Uid:" -> uid = Integer.parseInt(f[4]); // real, effective, saved, file system
          case "Gid:" -> gid = Integer.parseInt(f[4]);
          case "Umask:" -> umask = Integer.parseInt(f[1], 8);
          default -> { }
        }
      }
      return uid == null || gid == null || umask == null ? null
          : new CreationDefaults(uid, gid, umask);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The mode a file created with {@code requested} permission bits ends up with. */
  int created(int requested) {
    return requested & 0777 & ~umask;
  }
}
