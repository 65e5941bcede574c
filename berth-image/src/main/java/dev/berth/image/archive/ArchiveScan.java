package dev.berth.image.archive;

import dev.berth.image.layer.LayerDecompression;

import com.github.luben.zstd.ZstdInputStream;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.image.content.BlobWriter;
import dev.berth.image.content.ContentStore;
import dev.berth.oci.image.Compression;
import dev.berth.oci.image.Digest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * One pass over an archive tar. Blobs and layers go straight into the content store (hashed as
 * they are written), small metadata files are kept in memory, links are recorded and resolved
 * on lookup. manifest.json may come last (Docker 20.10 writes it last), so nothing is
 * interpreted until the whole tar has been read.
 */
final class ArchiveScan {
  /** Large reads and writes: the archive is mostly layer bytes copied once. */
  static final int BUFFER = 256 * 1024;
  /** Files at most this big, outside {@code blobs/} and not {@code layer.tar}, stay in memory. */
  static final long SMALL = 1024 * 1024;
  /** Links followed in a row before giving up (a loop). */
  private static final int MAX_LINKS = 40;

  /** What a path names: a stored blob or the bytes of a small file. */
  record Found(String path, StoredFile stored, byte[] bytes) {}

  private final Map<String, StoredFile> stored = new HashMap<>();
  private final Map<String, byte[]> small = new HashMap<>();
  private final Map<String, String> links = new HashMap<>();
  private int entries;

  private final LayerTap tap;

  private ArchiveScan(LayerTap tap) {
    this.tap = tap;
  }

  /**
   * Reads the whole tar (plain, gzip or zstd); blobs it stores are noted in {@code created}, and
   * tar-like ones shown to {@code tap} (may be null) as they stream past.
   */
  static ArchiveScan read(InputStream archive, ContentStore store, NewBlobs created,
      LayerTap tap) {
    ArchiveScan scan = new ArchiveScan(tap);
    String at = "(before the first)";
    try {
      BufferedInputStream in = new BufferedInputStream(archive, BUFFER);
      in.mark(LayerDecompression.MAGIC_LENGTH);
      byte[] head = in.readNBytes(LayerDecompression.MAGIC_LENGTH);
      in.reset();
      InputStream plain = switch (LayerDecompression.sniff(head, head.length)) {
        case NONE -> in;
        case GZIP -> new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER);
        case ZSTD -> new BufferedInputStream(new ZstdInputStream(in), BUFFER);
      };
      TarArchiveInputStream tar = new TarArchiveInputStream(plain);
      byte[] buffer = new byte[BUFFER];
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        at = e.getName();
        scan.entries++;
        scan.add(tar, e, store, created, buffer);
      }
    } catch (IOException | IllegalArgumentException e) {
      // commons-compress reports bad headers as IllegalArgumentException too
      throw new BerthException(ErrorKind.INVALID_ARGUMENT,
          "reading archive: not a tar, or truncated or corrupt, at entry \"" + at + "\": "
              + e.getMessage(), e);
    }
    if (scan.entries == 0) {
      throw BerthException.invalid("reading archive: not a tar (no entries)");
    }
    return scan;
  }

  private void add(TarArchiveInputStream tar, TarArchiveEntry e, ContentStore store,
      NewBlobs created, byte[] buffer) throws IOException {
    String path = ArchivePaths.clean(e.getName());
    if (path == null) {
      throw BerthException.invalid("archive entry \"" + e.getName() + "\" leaves the archive");
    }
    if (e.isSymbolicLink() || e.isLink()) {
      // a symlink is relative to its directory, a hard link names a path from the root
      String target = e.isSymbolicLink() && !e.getLinkName().startsWith("/")
          ? ArchivePaths.clean(ArchivePaths.parent(path) + "/" + e.getLinkName())
          : e.isLink() ? ArchivePaths.clean(e.getLinkName()) : null;
      if (target == null || target.isEmpty()) {
        throw BerthException.invalid("archive link \"" + e.getName() + "\" -> \""
            + e.getLinkName() + "\" leaves the archive");
      }
      links.put(path, target);
      return;
    }
    if (!e.isFile()) {
      return; // directories and anything else carry nothing we read
    }
    long size = e.getSize();
    boolean blob = path.startsWith("blobs/") || ArchivePaths.base(path).equals("layer.tar")
        || size > SMALL;
    if (!blob) {
      byte[] bytes = tar.readNBytes((int) size);
      if (bytes.length != size) {
        throw BerthException.invalid("reading archive: truncated at entry \"" + e.getName()
            + "\": " + bytes.length + " of " + size + " bytes");
      }
      small.put(path, bytes);
      return;
    }
    Digest named = digestOfPath(path);
    LayerTap.Feed feed = null;
    try (BlobWriter w = store.writer(named, size)) {
      int n = tar.readNBytes(buffer, 0, (int) Math.min(buffer.length, size));
      Compression compression = LayerDecompression.sniff(buffer, n);
      if (tap != null && size > SMALL && (compression != Compression.NONE || isTar(buffer, n))) {
        feed = tap.open(path, size);
      }
      while (n > 0) {
        w.write(buffer, 0, n);
        if (feed != null) {
          feed.write(buffer, 0, n);
        }
        n = tar.readNBytes(buffer, 0, buffer.length);
      }
      if (w.written() != size) {
        throw BerthException.invalid("reading archive: truncated at entry \"" + e.getName()
            + "\": " + w.written() + " of " + size + " bytes");
      }
      Digest digest;
      try {
        digest = w.commit();
      } catch (BerthException x) {
        throw named != null && x.kind() == ErrorKind.INVALID_ARGUMENT
            ? x.wrap("archive blob \"" + path + "\" does not match its name") : x;
      }
      boolean added = created.isNew(digest);
      stored.put(path, new StoredFile(created.committed(digest), size, compression));
      if (feed != null) {
        LayerTap.Feed done = feed;
        feed = null;
        done.complete(digest, added);
      }
    } finally {
      if (feed != null) {
        feed.abort();
      }
    }
  }

  /** A POSIX or GNU tar header: "ustar" at offset 257 of the first block. */
  private static boolean isTar(byte[] head, int n) {
    return n >= 262 && head[257] == 'u' && head[258] == 's' && head[259] == 't'
        && head[260] == 'a' && head[261] == 'r';
  }

  /** The digest a layout path {@code blobs/<alg>/<hex>} names, or null if it names none. */
  private static Digest digestOfPath(String path) {
    String[] parts = path.split("/");
    if (parts.length != 3 || !parts[0].equals("blobs")) {
      return null;
    }
    try {
      return new Digest(parts[1], parts[2]);
    } catch (BerthException e) {
      return null;
    }
  }

  /** What {@code path} names after following links, or null if the archive has no such file. */
  Found find(String path) {
    String p = ArchivePaths.clean(path);
    for (int i = 0; p != null && i <= MAX_LINKS; i++) {
      StoredFile s = stored.get(p);
      if (s != null) {
        return new Found(p, s, null);
      }
      byte[] b = small.get(p);
      if (b != null) {
        return new Found(p, null, b);
      }
      p = links.get(p);
    }
    if (p != null) {
      throw BerthException.invalid("archive path \"" + path + "\": more than " + MAX_LINKS
          + " links (a loop?)");
    }
    return null;
  }

  /** The bytes of a small file kept in memory, or null; {@code path} is not a link. */
  byte[] small(String path) {
    return small.get(path);
  }
}
