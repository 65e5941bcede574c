package dev.berth.image.layer;

import com.github.luben.zstd.ZstdOutputStream;
import dev.berth.error.BerthException;
import dev.berth.oci.image.Compression;
import dev.berth.sys.Errno;
import dev.berth.sys.FileSyscalls;
import dev.berth.sys.XattrNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes a directory tree as an OCI layer tar: the inverse of {@link LayerApplier}.
 *
 * <p>{@link #fromOverlayUpper} turns an overlayfs upper directory into a layer, translating
 * overlay whiteouts (a 0:0 character device becomes an empty {@code .wh.<name>} file; a
 * directory with {@code trusted.overlay.opaque=y} is followed by {@code <dir>/.wh..wh..opq}).
 * {@link #fromDirectory} writes a whole tree (a rootfs for export) with no translation; it does
 * not descend into a directory on another file system than the root (a mount point is written
 * as an empty directory).
 *
 * <p>Output is deterministic: entries in name order (Java {@link String} order of each file
 * name), parents before children, no user/group names, no atime/ctime, mtimes truncated to whole
 * seconds. Entry names are relative ({@code a/b}, directories {@code a/}); the root itself is not
 * written. Long names and large ids go into PAX headers; xattrs {@code user.*} and {@code
 * security.capability} go into PAX {@code SCHILY.xattr.*} records (raw bytes, so binary values
 * survive), other namespaces (trusted.*, security.selinux …) are left out. A second path to an
 * already written (dev, ino) becomes a hard link entry. Sockets are skipped.
 *
 * <p>The uncompressed tar is hashed for the diff_id and the compressed bytes for the blob
 * digest in the same pass. Must run as root to read the {@code trusted.overlay.*} xattrs.
 */
public final class LayerDiff {
  private static final int S_IFMT = 0170000;
  private static final int S_IFSOCK = 0140000;
  private static final int S_IFLNK = 0120000;
  private static final int S_IFREG = 0100000;
  private static final int S_IFBLK = 0060000;
  private static final int S_IFDIR = 0040000;
  private static final int S_IFCHR = 0020000;
  private static final int S_IFIFO = 0010000;
  private static final String OVERLAY_XATTR_PREFIX = "trusted.overlay.";
  private static final long MAX_ID = 07777777L;
  private static final long MAX_OCTAL_TIME = 077777777777L;
  private static final int USTAR_NAME_MAX = 100;

  private LayerDiff() {}

  /** Writes the changes recorded in overlay upper directory {@code upper}. Does not close out. */
  public static DiffResult fromOverlayUpper(Path upper, OutputStream out,
      Compression compression) {
    return write(upper, out, compression, true);
  }

  /** Writes every file under {@code root} (no whiteout translation). Does not close out. */
  public static DiffResult fromDirectory(Path root, OutputStream out, Compression compression) {
    return write(root, out, compression, false);
  }

  private static DiffResult write(Path root, OutputStream out, Compression compression,
      boolean overlay) {
    Path abs = root.toAbsolutePath().normalize();
    Map<String, Object> rootAttrs;
    try {
      rootAttrs = Files.readAttributes(abs, "unix:mode,dev", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw BerthException.notFound("layer source " + abs + ": " + e.getMessage());
    }
    if ((((Integer) rootAttrs.get("mode")) & S_IFMT) != S_IFDIR) {
      throw BerthException.precondition("layer source " + abs + " is not a directory");
    }
    Compression c = compression == null ? Compression.NONE : compression;
    DigestingOutputStream compressed = new DigestingOutputStream(out, false);
    try {
      OutputStream compressor = switch (c) {
        case NONE -> compressed;
        case GZIP -> new GZIPOutputStream(compressed, 64 * 1024);
        case ZSTD -> new ZstdOutputStream(compressed);
      };
      DigestingOutputStream plain = new DigestingOutputStream(compressor, true);
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(plain,
          StandardCharsets.UTF_8.name())) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Walker walker = new Walker(tar, overlay, (Long) rootAttrs.get("dev"));
        walker.directory(abs, "");
        tar.finish();
      }
      // closing the tar closed plain, which closed the compressor (gzip trailer, zstd frame
      // end) and flushed, but did not close, the caller's stream
      return new DiffResult(plain.digest(), compressed.digest(), plain.count(),
          compressed.count());
    } catch (IOException e) {
      throw BerthException.system("writing layer from " + abs + ": " + e.getMessage(), e);
    }
  }

  private record Inode(long dev, long ino) {}

  private static final class Walker {
    private final TarArchiveOutputStream tar;
    private final boolean overlay;
    private final long rootDev;
    private final Map<Inode, String> seen = new HashMap<>();
    private final byte[] buffer = new byte[64 * 1024];

    Walker(TarArchiveOutputStream tar, boolean overlay, long rootDev) {
      this.tar = tar;
      this.overlay = overlay;
      this.rootDev = rootDev;
    }

    void directory(Path dir, String prefix) throws IOException {
      List<Path> children;
      try (Stream<Path> s = Files.list(dir)) {
        children = new ArrayList<>(s.toList());
      }
      children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
      for (Path child : children) {
        one(child, prefix + child.getFileName().toString());
      }
    }

    private void one(Path path, String name) throws IOException {
      Map<String, Object> a = Files.readAttributes(path, "unix:*", LinkOption.NOFOLLOW_LINKS);
      int mode = (Integer) a.get("mode");
      int type = mode & S_IFMT;
      long rdev = (Long) a.get("rdev");
      long uid = Integer.toUnsignedLong((Integer) a.get("uid"));
      long gid = Integer.toUnsignedLong((Integer) a.get("gid"));
      FileTime mtime = (FileTime) a.get("lastModifiedTime");
      long seconds = Math.clamp(mtime.toInstant().getEpochSecond(), 0, MAX_OCTAL_TIME);
      FileTime time = FileTime.fromMillis(seconds * 1000);

      if (overlay && type == S_IFCHR && rdev == 0) {
        TarArchiveEntry wh = new TarArchiveEntry(whiteoutName(name), TarConstants.LF_NORMAL);
        wh.setMode(S_IFREG);
        wh.setSize(0);
        wh.setLastModifiedTime(time);
        put(wh, Map.of(), null);
        return;
      }
      if (type == S_IFSOCK) {
        return;
      }
      Map<String, byte[]> xattrs = xattrs(path);
      boolean opaque = false;
      if (overlay && type == S_IFDIR) {
        byte[] v = xattrs.get(Whiteouts.OVERLAY_OPAQUE_XATTR);
        opaque = v != null && v.length == 1 && v[0] == 'y';
      }
      xattrs.keySet().removeIf(k -> !(k.startsWith("user.") || k.equals("security.capability")));

      TarArchiveEntry e;
      Path content = null;
      if (type == S_IFDIR) {
        e = new TarArchiveEntry(name + "/", TarConstants.LF_DIR);
      } else {
        long nlink = ((Number) a.get("nlink")).longValue();
        Inode inode = new Inode((Long) a.get("dev"), (Long) a.get("ino"));
        String first = nlink > 1 ? seen.putIfAbsent(inode, name) : null;
        if (first != null) {
          e = new TarArchiveEntry(name, TarConstants.LF_LINK);
          e.setLinkName(first);
          xattrs.clear();
        } else {
          switch (type) {
            case S_IFREG -> {
              e = new TarArchiveEntry(name, TarConstants.LF_NORMAL);
              e.setSize((Long) a.get("size"));
              content = path;
            }
            case S_IFLNK -> {
              e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
              e.setLinkName(Files.readSymbolicLink(path).toString());
            }
            case S_IFCHR, S_IFBLK -> {
              e = new TarArchiveEntry(name, type == S_IFCHR ? TarConstants.LF_CHR
                  : TarConstants.LF_BLK);
              e.setDevMajor(major(rdev));
              e.setDevMinor(minor(rdev));
            }
            case S_IFIFO -> e = new TarArchiveEntry(name, TarConstants.LF_FIFO);
            default -> throw BerthException.precondition("unsupported file type 0"
                + Integer.toOctalString(type) + " at " + path);
          }
        }
      }
      e.setMode(mode);
      e.setUserId(uid);
      e.setGroupId(gid);
      e.setLastModifiedTime(time);
      put(e, xattrs, content);

      if (type == S_IFDIR) {
        if (opaque) {
          TarArchiveEntry opq = new TarArchiveEntry(name + "/" + Whiteouts.OPAQUE,
              TarConstants.LF_NORMAL);
          opq.setMode(S_IFREG);
          opq.setSize(0);
          opq.setLastModifiedTime(time);
          put(opq, Map.of(), null);
        }
        if (overlay || (Long) a.get("dev") == rootDev) {
          directory(path, name + "/");
        }
      }
    }

    private static String whiteoutName(String name) {
      int slash = name.lastIndexOf('/');
      return name.substring(0, slash + 1) + Whiteouts.PREFIX + name.substring(slash + 1);
    }

    /** Every xattr of {@code path}, sorted by name; trusted.overlay.opaque kept for the caller. */
    private Map<String, byte[]> xattrs(Path path) {
      Map<String, byte[]> out = new TreeMap<>();
      List<String> names;
      try {
        names = XattrNames.list(path);
      } catch (Errno e) {
        throw BerthException.system("listing the xattrs of " + path, e);
      }
      for (String n : names) {
        boolean wanted = n.startsWith("user.") || n.equals("security.capability")
            || (overlay && n.equals(Whiteouts.OVERLAY_OPAQUE_XATTR));
        if (!wanted || (n.startsWith(OVERLAY_XATTR_PREFIX)
            && !n.equals(Whiteouts.OVERLAY_OPAQUE_XATTR))) {
          continue;
        }
        try {
          out.put(n, FileSyscalls.lgetxattr(path, n));
        } catch (Errno gone) {
          // removed between list and get
        }
      }
      return out;
    }

    private void put(TarArchiveEntry e, Map<String, byte[]> xattrs, Path content)
        throws IOException {
      boolean raw = false;
      for (Map.Entry<String, byte[]> x : xattrs.entrySet()) {
        if (!isUtf8(x.getValue())) {
          raw = true;
        }
      }
      if (raw) {
        writeRawPax(e, xattrs);
      } else {
        for (Map.Entry<String, byte[]> x : xattrs.entrySet()) {
          e.addPaxHeader(PaxXattrTap.XATTR_PREFIX + x.getKey(),
              new String(x.getValue(), StandardCharsets.UTF_8));
        }
      }
      tar.putArchiveEntry(e);
      if (content != null) {
        long want = e.getSize();
        long copied = 0;
        try (InputStream in = Files.newInputStream(content, LinkOption.NOFOLLOW_LINKS)) {
          while (copied < want) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, want - copied));
            if (n < 0) {
              break;
            }
            tar.write(buffer, 0, n);
            copied += n;
          }
        }
        if (copied != want) {
          throw BerthException.system(content + " shrank while being written to the layer ("
              + copied + " of " + want + " bytes)", null);
        }
      }
      tar.closeArchiveEntry();
    }

    /**
     * commons-compress encodes PAX values as UTF-8 strings, which would mangle a binary xattr.
     * For such an entry we write the PAX header ourselves, holding the path, link path, ids and
     * xattrs with their raw bytes, and give the entry itself values that fit the ustar header
     * so commons-compress adds no second PAX header. (A file over 8 GiB would still get one for
     * its size; readers then see two extended headers.)
     */
    private void writeRawPax(TarArchiveEntry e, Map<String, byte[]> xattrs) throws IOException {
      ByteArrayOutputStream records = new ByteArrayOutputStream();
      String name = e.getName();
      record(records, "path", name.getBytes(StandardCharsets.UTF_8));
      String link = e.getLinkName();
      if (link != null && !link.isEmpty()) {
        record(records, "linkpath", link.getBytes(StandardCharsets.UTF_8));
      }
      if (e.getLongUserId() > MAX_ID) {
        record(records, "uid", Long.toString(e.getLongUserId()).getBytes(
            StandardCharsets.US_ASCII));
        e.setUserId(0L);
      }
      if (e.getLongGroupId() > MAX_ID) {
        record(records, "gid", Long.toString(e.getLongGroupId()).getBytes(
            StandardCharsets.US_ASCII));
        e.setGroupId(0L);
      }
      for (Map.Entry<String, byte[]> x : xattrs.entrySet()) {
        record(records, PaxXattrTap.XATTR_PREFIX + x.getKey(), x.getValue());
      }
      if (name.getBytes(StandardCharsets.UTF_8).length >= USTAR_NAME_MAX) {
        e.setName(shortName(name));
      }
      if (link != null && link.getBytes(StandardCharsets.UTF_8).length >= USTAR_NAME_MAX) {
        e.setLinkName("PaxHeaders/linkpath");
      }
      byte[] body = records.toByteArray();
      TarArchiveEntry pax = new TarArchiveEntry(paxName(e.getName()),
          TarConstants.LF_PAX_EXTENDED_HEADER_LC);
      pax.setSize(body.length);
      pax.setMode(S_IFREG | 0644);
      pax.setLastModifiedTime(e.getLastModifiedTime());
      tar.putArchiveEntry(pax);
      tar.write(body);
      tar.closeArchiveEntry();
    }

    private static String shortName(String name) {
      return "PaxHeaders/long" + (name.endsWith("/") ? "/" : "");
    }

    private static String paxName(String name) {
      String trimmed = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
      String base = trimmed.substring(trimmed.lastIndexOf('/') + 1);
      byte[] b = base.getBytes(StandardCharsets.UTF_8);
      if (b.length > 80 || !base.chars().allMatch(ch -> ch >= 0x20 && ch < 0x7f)) {
        base = "entry";
      }
      return "PaxHeaders/" + base;
    }

    /** One PAX record, "<len> <key>=<value>\n", where len counts the whole record. */
    private static void record(ByteArrayOutputStream out, String key, byte[] value) {
      byte[] k = key.getBytes(StandardCharsets.UTF_8);
      int rest = 1 + k.length + 1 + value.length + 1; // ' ' key '=' value '\n'
      int len = rest + 1;
      while (Integer.toString(len).length() + rest != len) {
        len = Integer.toString(len).length() + rest;
      }
      out.writeBytes(Integer.toString(len).getBytes(StandardCharsets.US_ASCII));
      out.write(' ');
      out.writeBytes(k);
      out.write('=');
      out.writeBytes(value);
      out.write('\n');
    }

    private static boolean isUtf8(byte[] value) {
      try {
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(value));
        return true;
      } catch (CharacterCodingException e) {
        return false;
      }
    }

    /** glibc's gnu_dev_major / gnu_dev_minor. */
    private static int major(long rdev) {
      return (int) (((rdev >>> 8) & 0xfffL) | ((rdev >>> 32) & ~0xfffL));
    }

    private static int minor(long rdev) {
      return (int) ((rdev & 0xffL) | ((rdev >>> 12) & ~0xffL));
    }
  }
}
