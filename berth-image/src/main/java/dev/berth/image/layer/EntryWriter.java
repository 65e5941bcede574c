package dev.berth.image.layer;

import dev.berth.error.BerthException;
import dev.berth.image.Trees;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes tar entries of one layer under a root, one at a time. Directory ownership, mode and
 * mtime wait for {@link #finish}, because creating children changes a directory's mtime (and a
 * 0555 directory would refuse them to a non-root caller).
 *
 * <p>Few syscalls per entry, since a layer has thousands: each node is created first and the
 * path looked at only when the name is taken (every creating call fails with EEXIST rather than
 * follow a symlink there), and in a fresh overlay layer lchown and chmod are left out where the
 * file was created with that owner and mode anyway ({@link CreationDefaults}).
 */
final class EntryWriter {
  private static final String XATTR_PAX_PREFIX = "SCHILY.xattr.";
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;
  /** O_CREAT|O_EXCL never follows a symlink at the name: it fails with EEXIST. */
  private static final Set<OpenOption> CREATE_FILE = Set.of(StandardOpenOption.CREATE_NEW,
      StandardOpenOption.WRITE, NOFOLLOW);
  /** The permission sets of the 512 modes, so a file's creation allocates none. */
  private static final List<Set<PosixFilePermission>> PERMISSIONS = permissionSets();

  private final RootedPaths paths;
  private final WhiteoutMode mode;
  /** Paths this layer created or claimed; PLAIN whiteouts never delete them. */
  private final Set<Path> written = new HashSet<>();
  private final Map<Path, TarArchiveEntry> directories = new LinkedHashMap<>();
  /** File contents pass through it: one per apply, not one per file (a layer has thousands). */
  private final byte[] buffer = new byte[64 * 1024];
  /** How new nodes come out, when that can be relied on under this root; else null. */
  private final CreationDefaults defaults;

  EntryWriter(Path root, WhiteoutMode mode) {
    this.paths = new RootedPaths(root);
    this.mode = mode;
    this.defaults = mode == WhiteoutMode.OVERLAY ? reliableDefaults(root) : null;
  }

  /**
   * The process's creation defaults, if every node made under {@code root} during the apply gets
   * them. OVERLAY mode only: its target starts empty, so every parent is one this apply made,
   * and directory modes wait for {@link #finish}; a set-group-id root (or a root of another
   * group, as with the grpid mount option) would hand its group down instead.
   */
  private static CreationDefaults reliableDefaults(Path root) {
    CreationDefaults d = CreationDefaults.PROCESS;
    if (d == null) {
      return null;
    }
    try {
      Map<String, Object> a = Files.readAttributes(root, "unix:gid,mode", NOFOLLOW);
      boolean setgid = ((Integer) a.get("mode") & 02000) != 0;
      return !setgid && (Integer) a.get("gid") == d.fsgid() ? d : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
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
      try {
        create(entry, path, content, rawXattrs);
      } catch (FileAlreadyExistsException e) {
        // a lower layer's (PLAIN) or an earlier entry's: replaced, unless both are directories
        BasicFileAttributes existing = RootedPaths.attributesOrNull(path, name);
        if (existing != null && !(entry.isDirectory() && existing.isDirectory())) {
          paths.forget();
          Trees.deleteRecursively(path);
        }
        create(entry, path, content, rawXattrs);
      }
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
      // made by this apply (with the defaults) unless it is the root, which came with the target
      boolean made = !dir.equals(paths.root());
      try {
        owner(dir, entry, made);
        permissions(dir, entry, 0777, made);
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

  /**
   * Makes the node of {@code entry} at {@code path}; FileAlreadyExistsException, before anything
   * is read or changed, when the name is taken (by a directory too, unless {@code entry} is one).
   */
  private void create(TarArchiveEntry entry, Path path, InputStream content,
      Map<String, byte[]> raw) throws IOException {
    String name = entry.getName();
    byte type = entry.getLinkFlag();
    if (entry.isDirectory()) {
      try {
        Files.createDirectory(path);
      } catch (FileAlreadyExistsException e) {
        BasicFileAttributes existing = RootedPaths.attributesOrNull(path, name);
        if (existing == null || !existing.isDirectory()) {
          throw e;
        }
      }
      paths.knownDirectory(path);
      xattrs(path, entry, raw);
      directories.put(path, entry);
    } else if (entry.isSymbolicLink()) {
      // The link text is stored as is: it is resolved later inside the container's root, and
      // every later entry refuses to write through it.
      Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
      owner(path, entry, true);
      xattrs(path, entry, raw);
      mtime(path, entry);
    } else if (entry.isLink()) {
      hardLink(entry, path);
    } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
      char kind = entry.isCharacterDevice() ? 'c' : entry.isBlockDevice() ? 'b' : 'p';
      Syscalls.mknod(path, kind, entry.getDevMajor(), entry.getDevMinor());
      metadata(path, entry, raw, Syscalls.MKNOD_MODE);
    } else if (type == TarConstants.LF_NORMAL || type == TarConstants.LF_OLDNORM
        || type == TarConstants.LF_CONTIG) {
      int requested = entry.getMode() & 0777;
      copyContent(entry, path, content, requested);
      metadata(path, entry, raw, requested);
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

  /** Creates the file with permission bits {@code requested} (less the umask). */
  private void copyContent(TarArchiveEntry entry, Path path, InputStream content,
      int requested) throws IOException {
    try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(path, CREATE_FILE,
        PosixFilePermissions.asFileAttribute(PERMISSIONS.get(requested))))) {
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

  /**
   * Owner before mode: chown clears setuid/setgid. Xattrs after chown, which clears caps.
   * {@code requested}: the permission bits the node was created with.
   */
  private void metadata(Path path, TarArchiveEntry entry, Map<String, byte[]> raw,
      int requested) throws IOException {
    owner(path, entry, true);
    permissions(path, entry, requested, true);
    xattrs(path, entry, raw);
    mtime(path, entry);
  }

  private static List<Set<PosixFilePermission>> permissionSets() {
    PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ (0400) first
    List<Set<PosixFilePermission>> sets = new ArrayList<>(512);
    for (int mode = 0; mode < 512; mode++) {
      Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
      for (int i = 0; i < bits.length; i++) {
        if ((mode & (0400 >> i)) != 0) {
          set.add(bits[i]);
        }
      }
      sets.add(Set.copyOf(set));
    }
    return List.copyOf(sets);
  }

  /**
   * lchown: the path's own owner, a symlink's included; left out when {@code justCreated} and
   * the node has that owner already.
   */
  private void owner(Path path, TarArchiveEntry entry, boolean justCreated) {
    int uid = (int) entry.getLongUserId();
    int gid = (int) entry.getLongGroupId();
    if (justCreated && defaults != null && uid == defaults.fsuid() && gid == defaults.fsgid()) {
      return;
    }
    Syscalls.chown(path, uid, gid);
  }

  /**
   * chmod through the path (following): the last component is never a symlink here, and the
   * JDK's no-follow chmod opens the file, which blocks on a fifo. Left out when {@code
   * justCreated} with {@code requested} bits came out as the entry's mode already.
   */
  private void permissions(Path path, TarArchiveEntry entry, int requested, boolean justCreated)
      throws IOException {
    int wanted = entry.getMode() & 07777;
    if (justCreated && defaults != null && defaults.created(requested) == wanted) {
      return;
    }
    Files.setAttribute(path, "unix:mode", wanted);
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
