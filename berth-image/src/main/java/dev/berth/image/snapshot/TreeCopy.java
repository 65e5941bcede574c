package dev.berth.image.snapshot;

import dev.berth.sys.Errno;
import dev.berth.sys.FileSyscalls;
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
 * Copies a directory tree keeping mode (setuid/setgid/sticky too), owner, modification time and
 * symlinks, and recreating fifos and device nodes. Hard links become separate copies; extended
 * attributes are not copied.
 */
final class TreeCopy {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  private static final int S_IFMT = 0170000;

  private TreeCopy() {}

  /** Copies {@code src} to {@code dst}, which must not exist. */
  static void copy(Path src, Path dst) throws IOException {
    Files.walkFileTree(src, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a)
          throws IOException {
        Path to = dst.resolve(src.relativize(dir).toString());
        Files.createDirectory(to);
        owner(dir, to);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
        Path to = dst.resolve(src.relativize(file).toString());
        if (a.isSymbolicLink()) {
          Files.createSymbolicLink(to, Files.readSymbolicLink(file));
          owner(file, to);
          mtime(to, a.lastModifiedTime());
        } else if (a.isRegularFile()) {
          Files.copy(file, to, StandardCopyOption.COPY_ATTRIBUTES, NOFOLLOW);
          owner(file, to);
          // chown cleared setuid/setgid
          Files.setAttribute(to, "unix:mode", Files.getAttribute(file, "unix:mode", NOFOLLOW));
        } else {
          Map<String, Object> u = Files.readAttributes(file, "unix:mode,rdev", NOFOLLOW);
          int mode = (Integer) u.get("mode");
          long rdev = (Long) u.get("rdev");
          int type = mode & S_IFMT;
          if (type != FileSyscalls.S_IFIFO && type != FileSyscalls.S_IFCHR
              && type != FileSyscalls.S_IFBLK) {
            return FileVisitResult.CONTINUE; // a socket: meaningless in a copy
          }
          try {
            FileSyscalls.mknod(to, type | 0600, major(rdev), minor(rdev));
          } catch (Errno e) {
            throw new IOException(e.getMessage(), e);
          }
          owner(file, to);
          Files.setAttribute(to, "unix:mode", mode & 07777);
          mtime(to, a.lastModifiedTime());
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Path to = dst.resolve(src.relativize(dir).toString());
        Files.setAttribute(to, "unix:mode", Files.getAttribute(dir, "unix:mode", NOFOLLOW));
        mtime(to, Files.getLastModifiedTime(dir, NOFOLLOW));
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void owner(Path from, Path to) throws IOException {
    int uid = (Integer) Files.getAttribute(from, "unix:uid", NOFOLLOW);
    int gid = (Integer) Files.getAttribute(from, "unix:gid", NOFOLLOW);
    try {
      FileSyscalls.lchown(to, uid, gid);
    } catch (Errno e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  private static void mtime(Path to, FileTime t) throws IOException {
    try {
      FileSyscalls.utimensat(to, t.toInstant().getEpochSecond(), t.toInstant().getNano(), true);
    } catch (Errno e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  static int major(long dev) {
    return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
  }

  static int minor(long dev) {
    return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
  }
}
