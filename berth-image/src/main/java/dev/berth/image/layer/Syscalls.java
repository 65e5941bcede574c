package dev.berth.image.layer;

import dev.berth.error.BerthException;
import dev.berth.sys.Errno;
import dev.berth.sys.FileSyscalls;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * The layer's calls into {@link FileSyscalls} (mknod, lsetxattr, lchown, utimensat through FFM),
 * with a failed call turned into a {@link BerthException} like every other I/O failure here.
 */
final class Syscalls {
  private static final int EEXIST = 17;

  private Syscalls() {}

  /** The permission bits {@link #mknod} asks for (less the umask), as mknod(1). */
  static final int MKNOD_MODE = 0666;

  /**
   * type: 'c' character, 'b' block, 'p' fifo; mode {@link #MKNOD_MODE}.
   *
   * @throws FileAlreadyExistsException when something is at {@code path} (never followed)
   */
  static void mknod(Path path, char type, int major, int minor)
      throws FileAlreadyExistsException {
    int kind = switch (type) {
      case 'c' -> FileSyscalls.S_IFCHR;
      case 'b' -> FileSyscalls.S_IFBLK;
      case 'p' -> FileSyscalls.S_IFIFO;
      default -> throw new IllegalArgumentException("node type " + type);
    };
    try {
      FileSyscalls.mknod(path, kind | MKNOD_MODE, type == 'p' ? 0 : major,
          type == 'p' ? 0 : minor);
    } catch (Errno e) {
      if (e.errno() == EEXIST) {
        throw new FileAlreadyExistsException(path.toString());
      }
      throw BerthException.system(e.getMessage(), e);
    }
  }

  /** lsetxattr: never follows a symlink at {@code path}; any namespace. */
  static void setXattr(Path path, String name, byte[] value) {
    try {
      FileSyscalls.lsetxattr(path, name, value);
    } catch (Errno e) {
      throw BerthException.system(e.getMessage(), e);
    }
  }

  /** lchown: never follows a symlink at {@code path}. */
  static void chown(Path path, int uid, int gid) {
    try {
      FileSyscalls.lchown(path, uid, gid);
    } catch (Errno e) {
      throw BerthException.system(e.getMessage(), e);
    }
  }

  /**
   * utimensat(AT_SYMLINK_NOFOLLOW) of the modification time only: never opens the file (safe on
   * fifos and devices) and sets a symlink's own time.
   */
  static void setMtime(Path path, FileTime time) {
    Instant instant = time.toInstant();
    try {
      FileSyscalls.utimensat(path, instant.getEpochSecond(), instant.getNano(), true);
    } catch (Errno e) {
      throw BerthException.system(e.getMessage(), e);
    }
  }
}
