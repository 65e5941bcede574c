package dev.berth.engine.volume;

import dev.berth.sys.Errno;
import dev.berth.sys.FileSyscalls;
import dev.berth.sys.XattrNames;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * Docker's copy-up: what the image has at a volume's mount point goes into the volume when the
 * volume is empty. Keeps owner, mode (setuid too), extended attributes, modification times and
 * symlinks; fifos and device nodes are made anew, sockets skipped. The volume's own directory
 * takes the owner and mode of the image's.
 */
final class CopyUp {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final int S_IFMT = 0170000;

  private CopyUp() {}

  /** True when {@code dir} has no entries (a missing one counts as empty). */
  static boolean empty(Path dir) throws IOException {
    if (!Files.isDirectory(dir, NOFOLLOW)) {
      return true;
    }
    try (var s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  /** Copies the contents of directory {@code src} into the existing directory {@code dst}. */
  static void copy(Path src, Path dst) throws IOException {
    Files.walkFileTree(src, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a)
          throws IOException {
        Path to = dst.resolve(src.relativize(dir).toString());
        if (!dir.equals(src)) {
          Files.createDirectory(to);
        }
        attributes(dir, to);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
        Path to = dst.resolve(src.relativize(file).toString());
        if (a.isSymbolicLink()) {
          Files.createSymbolicLink(to, Files.readSymbolicLink(file));
        } else if (a.isRegularFile()) {
          Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES, NOFOLLOW);
        } else {
          Map<String, Object> u = Files.readAttributes(file, "unix:mode,rdev", NOFOLLOW);
          int type = (Integer) u.get("mode") & S_IFMT;
          if (type != FileSyscalls.S_IFIFO && type != FileSyscalls.S_IFCHR
              && type != FileSyscalls.S_IFBLK) {
            return FileVisitResult.CONTINUE;
          }
          long rdev = (Long) u.get("rdev");
          try {
            FileSyscalls.mknod(to, type | 0600, (int) (((rdev >>> 8) & 0xfff)
                | ((rdev >>> 32) & ~0xfffL)), (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL)));
          } catch (Errno e) {
            throw new IOException(e.getMessage(), e);
          }
        }
        attributes(file, to);
        mtime(to, a.lastModifiedTime());
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        mtime(dst.resolve(src.relativize(dir).toString()),
            Files.getLastModifiedTime(dir, NOFOLLOW));
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** Owner, then mode (chown clears setuid), then extended attributes. */
  private static void attributes(Path from, Path to) throws IOException {
    Map<String, Object> u = Files.readAttributes(from, "unix:uid,gid,mode", NOFOLLOW);
    try {
      FileSyscalls.lchown(to, (Integer) u.get("uid"), (Integer) u.get("gid"));
      if (!Files.isSymbolicLink(to)) {
        Files.setAttribute(to, "unix:mode", (Integer) u.get("mode") & 07777);
      }
      for (String name : XattrNames.list(from)) {
        FileSyscalls.lsetxattr(to, name, FileSyscalls.lgetxattr(from, name));
      }
    } catch (Errno e) {
      throw new IOException(to + ": " + e.getMessage(), e);
    }
  }

  private static void mtime(Path to, FileTime t) throws IOException {
    try {
      FileSyscalls.utimensat(to, t.toInstant().getEpochSecond(), t.toInstant().getNano(), true);
    } catch (Errno e) {
      throw new IOException(e.getMessage(), e);
    }
  }
}
