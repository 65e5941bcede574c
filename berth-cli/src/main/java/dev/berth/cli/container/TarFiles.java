package dev.berth.cli.container;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** The tar side of cp: a local tree into a tar stream, and a container's tar onto disk. */
final class TarFiles {
  private TarFiles() {}

  /**
   * Writes {@code source} as entries named {@code name/...} (or its contents at the top when
   * {@code name} is empty); returns the bytes of file content written.
   */
  static long write(Path source, String name, OutputStream out, boolean followLinks)
      throws IOException {
    try (var tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
      long total = add(tar, source, name, followLinks);
      tar.finish();
      return total;
    }
  }

  private static long add(TarArchiveOutputStream tar, Path p, String name, boolean follow)
      throws IOException {
    LinkOption[] lo = follow ? new LinkOption[0] : new LinkOption[] {LinkOption.NOFOLLOW_LINKS};
    long total = 0;
    if (Files.isSymbolicLink(p) && !follow) {
      TarArchiveEntry e = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
      e.setLinkName(Files.readSymbolicLink(p).toString());
      e.setModTime(Files.getLastModifiedTime(p, lo).toMillis());
      tar.putArchiveEntry(e);
      tar.closeArchiveEntry();
      return 0;
    }
    if (Files.isDirectory(p, lo)) {
      if (!name.isEmpty()) {
        TarArchiveEntry e = new TarArchiveEntry(p, name + "/", lo);
        e.setMode(0040000 | mode(p, lo));
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
      }
      try (Stream<Path> children = Files.list(p)) {
        for (Path c : children.sorted().toList()) {
          String child = (name.isEmpty() ? "" : name + "/") + c.getFileName();
          total += add(tar, c, child, follow);
        }
      }
      return total;
    }
    TarArchiveEntry e = new TarArchiveEntry(p, name, lo);
    e.setMode(0100000 | mode(p, lo));
    tar.putArchiveEntry(e);
    try (InputStream in = Files.newInputStream(p)) {
      total += in.transferTo(tar);
    }
    tar.closeArchiveEntry();
    return total;
  }

  private static int mode(Path p, LinkOption[] lo) throws IOException {
    int m = 0;
    for (PosixFilePermission perm : Files.getPosixFilePermissions(p, lo)) {
      m |= 1 << (8 - perm.ordinal());
    }
    return m;
  }

  /**
   * Extracts a container's tar (top entry named {@code srcBase}) to {@code target}: into it
   * when it is an existing directory, else as {@code target} itself (docker's rename rule);
   * with {@code contentsOnly} the top directory's contents go into {@code target}.
   */
  static long extract(InputStream in, Path target, String srcBase, boolean contentsOnly)
      throws IOException {
    boolean into = Files.isDirectory(target) && !contentsOnly;
    if (contentsOnly) {
      Files.createDirectories(target);
    }
    long total = 0;
    var tar = new TarArchiveInputStream(in);
    for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
      String name = e.getName();
      while (name.startsWith("./") || name.startsWith("/")) {
        name = name.startsWith("./") ? name.substring(2) : name.substring(1);
      }
      if (name.endsWith("/")) {
        name = name.substring(0, name.length() - 1);
      }
      String rel;
      if (into) {
        rel = name;
      } else if (name.equals(srcBase)) {
        rel = "";
      } else if (name.startsWith(srcBase + "/")) {
        rel = name.substring(srcBase.length() + 1);
      } else {
        rel = name;
      }
      Path out = rel.isEmpty() ? target : target.resolve(rel).normalize();
      Path root = target.toAbsolutePath().normalize();
      if (!out.toAbsolutePath().normalize().startsWith(into ? root : root.getParent() == null
          ? root : root.getParent())) {
        throw new IOException("refusing to write outside the destination: " + e.getName());
      }
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      if (e.isDirectory()) {
        if (!Files.isDirectory(out)) {
          Files.createDirectories(out);
        }
      } else if (e.isSymbolicLink()) {
        Files.deleteIfExists(out);
        Files.createSymbolicLink(out, Path.of(e.getLinkName()));
        continue;
      } else if (e.isLink()) {
        Files.deleteIfExists(out);
        Files.createLink(out, target.resolve(e.getLinkName()));
        continue;
      } else if (e.isFile()) {
        if (Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS)) {
          throw new FileAlreadyExistsException(out + ": cannot overwrite directory with"
              + " non-directory");
        }
        try (OutputStream o = Files.newOutputStream(out)) {
          total += tar.transferTo(o);
        }
      } else {
        continue;
      }
      Files.setPosixFilePermissions(out, permissions(e.getMode()));
      Files.setLastModifiedTime(out, FileTime.from(e.getModTime().toInstant()));
    }
    return total;
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> s = new HashSet<>();
    PosixFilePermission[] all = PosixFilePermission.values();
    for (int i = 0; i < 9; i++) {
      if ((mode & (1 << (8 - i))) != 0) {
        s.add(all[i]);
      }
    }
    return s;
  }
}
