package dev.berth.api.container;

import dev.berth.error.BerthException;
import dev.berth.sys.FileSyscalls;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker cp}'s side in the daemon: a path's stat header, the path as a tar whose top
 * entry is its base name, and a tar extracted into a directory, every entry resolved inside the
 * container's root (docker-api.md §2, {@code docker cp}).
 */
final class CopyArchive {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private CopyArchive() {}

  /** {@code X-Docker-Container-Path-Stat}: base64 of {name, size, mode (Go FileMode), …}. */
  static String statHeader(Path p, String name) throws IOException {
    PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, NOFOLLOW);
    long mode = 0;
    for (PosixFilePermission perm : a.permissions()) {
      mode |= 1L << (8 - perm.ordinal());
    }
    if (a.isDirectory()) {
      mode |= 1L << 31;
    } else if (a.isSymbolicLink()) {
      mode |= 1L << 27;
    }
    Map<String, Object> stat = new LinkedHashMap<>();
    stat.put("name", name);
    stat.put("size", a.size());
    stat.put("mode", mode);
    stat.put("mtime", a.lastModifiedTime().toInstant().toString());
    stat.put("linkTarget", a.isSymbolicLink() ? Files.readSymbolicLink(p).toString() : "");
    return Base64.getEncoder().encodeToString(dev.berth.api.http.Json.bytes(stat));
  }

  /** Writes {@code src} and everything under it as {@code name/...}; links are not followed. */
  static void writeTar(Path src, String name, OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    List<Path> all;
    try (Stream<Path> walk = Files.walk(src)) {
      all = walk.toList();
    }
    for (Path p : all) {
      String entryName = name + (p.equals(src) ? "" : "/" + src.relativize(p));
      PosixFileAttributes a = Files.readAttributes(p, PosixFileAttributes.class, NOFOLLOW);
      TarArchiveEntry e;
      if (a.isSymbolicLink()) {
        e = new TarArchiveEntry(entryName, TarArchiveEntry.LF_SYMLINK);
        e.setLinkName(Files.readSymbolicLink(p).toString());
      } else {
        e = new TarArchiveEntry(p, entryName + (a.isDirectory() ? "/" : ""), NOFOLLOW);
      }
      e.setIds((Integer) Files.getAttribute(p, "unix:uid", NOFOLLOW),
          (Integer) Files.getAttribute(p, "unix:gid", NOFOLLOW));
      e.setMode((Integer) Files.getAttribute(p, "unix:mode", NOFOLLOW));
      e.setModTime(a.lastModifiedTime());
      tar.putArchiveEntry(e);
      if (a.isRegularFile()) {
        Files.copy(p, tar);
      }
      tar.closeArchiveEntry();
    }
    tar.finish();
    out.flush();
  }

  /**
   * Extracts {@code in} into directory {@code dest}; {@code resolve} maps an entry's path under
   * it to a path inside the container's root. Owners are the tar's with {@code copyUidGid}, else
   * the container's root.
   */
  static void extract(InputStream in, Function<String, Path> resolve, boolean copyUidGid)
      throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
      String name = e.getName();
      if (name.startsWith("/") || List.of(name.split("/")).contains("..")) {
        throw BerthException.invalid("archive entry \"" + name + "\" leaves the destination");
      }
      Path target = resolve.apply(name);
      Files.createDirectories(target.getParent());
      if (e.isDirectory()) {
        if (!Files.isDirectory(target, NOFOLLOW)) {
          Files.deleteIfExists(target);
          Files.createDirectory(target);
        }
      } else if (e.isSymbolicLink()) {
        Files.deleteIfExists(target);
        Files.createSymbolicLink(target, Path.of(e.getLinkName()));
      } else if (e.isLink()) {
        Files.deleteIfExists(target);
        Files.createLink(target, resolve.apply(e.getLinkName()));
      } else if (e.isFile()) {
        Files.deleteIfExists(target);
        Files.copy(tar, target);
      } else {
        continue; // devices and fifos are not copied into containers
      }
      int uid = copyUidGid ? (int) e.getLongUserId() : 0;
      int gid = copyUidGid ? (int) e.getLongGroupId() : 0;
      FileSyscalls.lchown(target, uid, gid);
      if (!e.isSymbolicLink()) {
        Files.setAttribute(target, "unix:mode", e.getMode() & 07777);
        FileSyscalls.utimensat(target, e.getModTime().toInstant().getEpochSecond(), 0, true);
      }
    }
  }

  static String baseName(String containerPath) {
    String p = containerPath.replaceAll("/+$", "");
    int slash = p.lastIndexOf('/');
    String base = slash < 0 ? p : p.substring(slash + 1);
    return base.isEmpty() ? "." : new String(base.getBytes(StandardCharsets.UTF_8),
        StandardCharsets.UTF_8);
  }
}
