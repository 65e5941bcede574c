package dev.berth.image.archive;

import dev.berth.image.layer.LayerDecompression;

import dev.berth.error.BerthException;
import dev.berth.image.content.ContentStore;
import dev.berth.oci.image.Compression;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.ManifestParser;
import dev.berth.oci.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** A scanned archive and the store it went into: files by path, as bytes or as blobs. */
final class ArchiveBlobs {
  /** Metadata (configs, manifests, indexes) read into memory is at most this big. */
  private static final int MAX_METADATA = 64 * 1024 * 1024;

  final ArchiveScan scan;
  final ContentStore store;
  final NewBlobs created;

  ArchiveBlobs(ArchiveScan scan, ContentStore store, NewBlobs created) {
    this.scan = scan;
    this.store = store;
    this.created = created;
  }

  /** The file at {@code path}; NOT_FOUND naming {@code what} and the path when absent. */
  ArchiveScan.Found require(String path, String what) {
    ArchiveScan.Found f = scan.find(path);
    if (f == null) {
      throw BerthException.notFound(what + " \"" + path + "\" is not in the archive");
    }
    return f;
  }

  /** The file as a blob in the store, storing it first if it was kept in memory. */
  StoredFile blob(ArchiveScan.Found f) {
    if (f.stored() != null) {
      return f.stored();
    }
    byte[] b = f.bytes();
    return new StoredFile(created.put(b), b.length, LayerDecompression.sniff(b, b.length));
  }

  /** The file's bytes, read back from the store if it went there. */
  byte[] bytes(ArchiveScan.Found f) {
    if (f.bytes() != null) {
      return f.bytes();
    }
    if (f.stored().size() > MAX_METADATA) {
      throw BerthException.invalid("archive file \"" + f.path() + "\" is " + f.stored().size()
          + " bytes, too big for metadata (at most " + MAX_METADATA + ")");
    }
    try (InputStream in = store.open(f.stored().digest())) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw BerthException.system("reading " + f.stored().digest() + ": " + e.getMessage(), e);
    }
  }

  /** Parses a config; errors name {@code where}. */
  static ImageConfig config(byte[] json, String where) {
    try {
      return ImageConfig.parse(json);
    } catch (BerthException e) {
      throw e.wrap("config " + where);
    }
  }

  /**
   * Checks that the layers match the config's diff_ids: as many of each, and an uncompressed
   * layer's digest is its diff_id. Compressed layers are checked when they are unpacked.
   */
  static void checkDiffIds(ImageConfig config, List<Descriptor> layers, List<String> paths,
      String where) {
    List<Digest> diffIds = config.rootfs() == null ? List.of() : config.rootfs().diffIds();
    if (diffIds.size() != layers.size()) {
      throw BerthException.invalid(where + ": " + layers.size() + " layers but the config has "
          + diffIds.size() + " rootfs.diff_ids");
    }
    for (int i = 0; i < layers.size(); i++) {
      Descriptor l = layers.get(i);
      if (MediaTypes.compressionOf(l.mediaType()) == Compression.NONE
          && !l.digest().equals(diffIds.get(i))) {
        throw BerthException.invalid(where + ": layer " + i + " (" + paths.get(i)
            + "): diff_id mismatch: config says " + diffIds.get(i) + ", content is " + l.digest());
      }
    }
  }

  /** Serialises and stores a manifest; returns its descriptor. */
  Descriptor putManifest(ImageManifest manifest) {
    byte[] bytes = ManifestParser.write(manifest);
    return Descriptor.of(MediaTypes.OCI_MANIFEST, created.put(bytes), bytes.length);
  }
}
