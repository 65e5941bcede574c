package dev.berth.image.layer;

import dev.berth.image.Trees;
import dev.berth.error.BerthException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes tar entries of one layer under a root, one at a time. Directory ownership, mode and
 * mtime wait for {@link #finish}, because creating children changes a directory's mtime (and a
 * 0555 directory would refuse them to a non-root caller).
 */
final class EntryWriter {
  private static final String XATTR_PAX_PREFIX = "SCHILY.xattr.";
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final RootedPaths paths;
  private final WhiteoutMode mode;
  /** Paths this layer created or claimed; PLAIN whiteouts never delete them. */
  private final Set<Path> written = new HashSet<>();
  private final Map<Path, TarArchiveEntry> directories = new LinkedHashMap<>();

  EntryWriter(Path root, WhiteoutMode mode) {
    this.paths = new RootedPaths(root);
    this.mode = mode;
  }

  /** {@code content} is the tar stream positioned at this entry's data. */
  void write(TarArchiveEntry entry, InputStream content) {
    write(entry, content, null);
  }

  /**
   * {@code rawXattrs}: the undecoded PAX {@code SCHILY.xattr.*} values of this entry (see {@link
   * PaxXattrTap}), or null to use commons-compress's UTF-8 strings.
   */
  void write(TarArchiveEntry entry, InputStream content, Map<String, byte[]> rawXattrs) {
    String name = entry.getName();
    try {
      String clean = RootedPaths.clean(name);
      String base = clean.substring(clean.lastIndexOf('/') + 1);
      if (base.startsWith(Whiteouts.PREFIX)) {
        paths.forget();
        whiteout(name, clean, base);
        return;
      }
      Path path = paths.resolveForWrite(name);
      if (path.equals(paths.root())) {
        if (!entry.isDirectory()) {
          throw RootedPaths.reject(name, "the layer root must be a directory");
        }
        directories.put(path, entry);
        return;
      }
      BasicFileAttributes existing = RootedPaths.attributesOrNull(path, name);
      if (existing != null && !(entry.isDirectory() && existing.isDirectory())) {
        paths.forget();
        Trees.deleteRecursively(path);
      }
      create(entry, path, content, rawXattrs);
      claim(path);
    } catch (IOException e) {
      throw BerthException.system("layer entry \"" + name + "\": " + e.getMessage(), e);
    }
  }

  /**
   * Marks {@code path} and its parents as this layer's, so an opaque marker anywhere above keeps
   * them (a parent may be implicit: present in a lower layer, absent from this tar).
   */
  private void claim(Path path) {
    for (Path p = path; p != null && !p.equals(paths.root()) && written.add(p); p = p.getParent()) {
      // added
    }
  }

  /** Applies the deferred directory metadata; call after the last entry. */
  void finish() {
    for (Map.Entry<Path, TarArchiveEntry> d : directories.entrySet()) {
      Path dir = d.getKey();
      TarArchiveEntry entry = d.getValue();
      BasicFileAttributes attrs = RootedPaths.attributesOrNull(dir, entry.getName());
      if (attrs == null || !attrs.isDirectory()) {
        continue; // replaced or whited out by a later entry
      }
      try {
        owner(dir, entry);
        permissions(dir, entry);
        mtime(dir, entry);
      } catch (IOException e) {
        throw BerthException.system("layer entry \"" + entry.getName() + "\": " + e.getMessage(),
            e);
      }
    }
  }

  private void whiteout(String name, String clean, String base) throws IOException {
    if (base.equals(Whiteouts.OPAQUE)) {
      // The directory is created when missing, in both modes: the marker says it exists.
      Path dir = paths.resolveForWrite(name).getParent();
      if (mode == WhiteoutMode.OVERLAY) {
        Whiteouts.overlayOpaque(dir, name);
      } else {
        Whiteouts.plainOpaque(dir, written, name);
      }
      claim(dir);
      return;
    }
    if (base.startsWith(Whiteouts.META_PREFIX)) {
      return;
    }
    String hidden = clean.substring(0, clean.length() - base.length())
        + base.substring(Whiteouts.PREFIX.length());
    if (mode == WhiteoutMode.OVERLAY) {
      Whiteouts.overlayWhiteout(paths.resolveForWrite(hidden), name);
    } else {
      Whiteouts.plainWhiteout(paths.resolveExisting(hidden), written);
    }
  }

  private void create(TarArchiveEntry entry, Path path, InputStream content,
      Map<String, byte[]> raw) throws IOException {
    String name = entry.getName();
    byte type = entry.getLinkFlag();
    if (entry.isDirectory()) {
      if (!Files.isDirectory(path, NOFOLLOW)) {
        Files.createDirectory(path);
      }
      xattrs(path, entry, raw);
      directories.put(path, entry);
    } else if (entry.isSymbolicLink()) {
      // The link text is stored as is: it is resolved later inside the container's root, and
      // every later entry refuses to write through it.
      Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
      owner(path, entry);
      xattrs(path, entry, raw);
      mtime(path, entry);
    } else if (entry.isLink()) {
      hardLink(entry, path);
    } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      char kind = entry.isCharacterDevice() ? 'c' : entry.isBlockDevice() ? 'b' : 'p';
      Syscalls.mknod(path, kind, entry.getDevMajor(), entry.getDevMinor());
      metadata(path, entry, raw);
    } else if (type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM
        || type == TarConstants.LF_CONTIG) {
      copyContent(entry, path, content);
      metadata(path, entry, raw);
    } else {
      throw RootedPaths.reject(name, "unsupported tar entry type '" + (char) type + "'");
    }
  }

  private void hardLink(TarArchiveEntry entry, Path path) throws IOException {
    String name = entry.getName();
    Path existing;
    try {
      existing = paths.resolveExisting(entry.getLinkName());
    } catch (BerthException e) {
      throw RootedPaths.reject(name, "hard link target \"" + entry.getLinkName() + "\": "
          + e.getMessage());
    }
    BasicFileAttributes attrs = existing == null || existing.equals(paths.root())
        ? null : RootedPaths.attributesOrNull(existing, name);
    if (attrs == null) {
      throw RootedPaths.reject(name, "hard link target \"" + entry.getLinkName()
          + "\" does not exist in the layer root");
    }
    if (attrs.isDirectory()) {
      throw RootedPaths.reject(name, "hard link target \"" + entry.getLinkName()
          + "\" is a directory");
    }
    // link(2) on Linux does not follow a symlink target: the link is to the symlink itself.
    Files.createLink(path, existing);
  }

  private static void copyContent(TarArchiveEntry entry, Path path, InputStream content)
      throws IOException {
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE, NOFOLLOW)) {
      while (true) {
        int n;
        try {
          n = content.read(buffer);
        } catch (IOException e) {
          throw BerthException.invalid("layer is corrupt or truncated in entry \""
              + entry.getName() + "\": " + e.getMessage());
        }
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
      }
    }
  }

  /** Owner before mode: chown clears setuid/setgid. Xattrs after chown, which clears caps. */
  private static void metadata(Path path, TarArchiveEntry entry, Map<String, byte[]> raw)
      throws IOException {
    owner(path, entry);
    permissions(path, entry);
    xattrs(path, entry, raw);
    mtime(path, entry);
  }

  /** lchown: the path's own owner, a symlink's included. */
  private static void owner(Path path, TarArchiveEntry entry) {
    Syscalls.chown(path, (int) entry.getLongUserId(), (int) entry.getLongGroupId());
  }

  /**
   * chmod through the path (following): the last component is never a symlink here, and the
   * JDK's no-follow chmod opens the file, which blocks on a fifo.
   */
  private static void permissions(Path path, TarArchiveEntry entry) throws IOException {
    Files.setAttribute(path, "unix:mode", entry.getMode() & 07777);
  }

  /**
   * utimensat(AT_SYMLINK_NOFOLLOW): never opens the file, so fifos, devices and symlinks get
   * their tar mtime too.
   */
  private static void mtime(Path path, TarArchiveEntry entry) {
    FileTime time = entry.getLastModifiedTime();
    if (time != null) {
      Syscalls.setMtime(path, time);
    }
  }

  /**
   * PAX {@code SCHILY.xattr.<name>} records, every namespace set with lsetxattr. The value is
   * the raw PAX bytes when {@link PaxXattrTap} has them and they decode to the string
   * commons-compress gave (which decodes every PAX value as UTF-8, turning the invalid sequences
   * of a binary value into U+FFFD); otherwise the string's UTF-8 bytes.
   */
  private static void xattrs(Path path, TarArchiveEntry entry, Map<String, byte[]> raw) {
    for (Map.Entry<String, String> h : entry.getExtraPaxHeaders().entrySet()) {
      if (!h.getKey().startsWith(XATTR_PAX_PREFIX)) {
        continue;
      }
      String xattr = h.getKey().substring(XATTR_PAX_PREFIX.length());
      byte[] value = raw == null ? null : raw.get(h.getKey());
      if (value == null || !new String(value, StandardCharsets.UTF_8).equals(h.getValue())) {
        value = h.getValue().getBytes(StandardCharsets.UTF_8);
      }
      Syscalls.setXattr(path, xattr, value);
    }
  }
}
