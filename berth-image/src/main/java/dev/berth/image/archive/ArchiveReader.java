package dev.berth.image.archive;

import dev.berth.error.BerthException;
import dev.berth.image.content.ContentStore;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.Platform;
import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads an image archive into a content store: what {@code docker load} reads.
 *
 * <p>Accepted: a tar, plain or gzip or zstd compressed (told from its first bytes), holding
 *
 * <ul>
 *   <li>a {@code docker save} archive: {@code manifest.json} naming each image's config and
 *       layer files, either Docker 20.10's {@code <hex>.json} and {@code <v1id>/layer.tar}
 *       (a layer already saved for another image may be a symlink to it) or Docker 25's
 *       {@code blobs/sha256/<hex>}. For each image a new OCI manifest is stored whose layers
 *       are the stored layer files, typed by their sniffed compression. The platform is not
 *       consulted: every image listed is loaded, as Docker does;
 *   <li>an OCI image layout: {@code oci-layout}, {@code index.json} and {@code
 *       blobs/<alg>/<hex>}, each blob checked against its name. Index entries that are indexes
 *       yield their manifest for {@code platform}; manifest entries for another platform are
 *       skipped. Names come from the {@code io.containerd.image.name} annotation, else {@code
 *       org.opencontainers.image.ref.name}.
 * </ul>
 *
 * When both {@code manifest.json} and {@code index.json} are present (Docker 25+),
 * manifest.json is used, as Docker does.
 *
 * <p>The tar is read once, front to back: layers go straight into the store while being hashed,
 * and are never decompressed here. The reader checks that every layer named exists, that there
 * are as many layers as the config has diff_ids, and that each uncompressed layer's digest is
 * its diff_id; a compressed layer's diff_id is checked by the unpacker, which has to decompress
 * it anyway.
 *
 * <p>Errors are {@link BerthException}s naming the bad path or value: {@code INVALID_ARGUMENT}
 * for a stream that is not a tar or is truncated or corrupt, unparseable JSON, missing fields,
 * mismatched digests or counts and unknown media types; {@code NOT_FOUND} for a file or blob the
 * archive's own metadata names but does not hold. On any failure every blob this read added is
 * deleted again, leaving the store as it was. On success, blobs this read added that no
 * returned image references (another platform's layers, Docker 25's own manifests) are deleted
 * too.
 */
public final class ArchiveReader {
  private ArchiveReader() {}

  /**
   * Reads {@code archive} (not closed) into {@code store}.
   *
   * @param platform the platform to pick from multi-platform indexes; null means the host's
   * @return the images, in the order the archive lists them
   */
  public static List<ArchiveImage> read(InputStream archive, ContentStore store,
      Platform platform) {
    return read(archive, store, platform, null);
  }

  /**
   * As {@link #read(InputStream, ContentStore, Platform)}, showing each tar-like blob to {@code
   * tap} as it streams past (null for none).
   */
  public static List<ArchiveImage> read(InputStream archive, ContentStore store,
      Platform platform, LayerTap tap) {
    Platform wanted = platform != null ? platform : Platform.host();
    NewBlobs created = new NewBlobs(store);
    try {
      ArchiveBlobs blobs = new ArchiveBlobs(ArchiveScan.read(archive, store, created, tap), store,
          created);
      List<ArchiveImage> images = images(blobs, wanted);
      created.deleteAllBut(referenced(images));
      return images;
    } catch (RuntimeException | Error e) {
      created.deleteAllBut(Set.of());
      throw e;
    }
  }

  private static List<ArchiveImage> images(ArchiveBlobs blobs, Platform platform) {
    byte[] manifest = blobs.scan.small(DockerArchive.MANIFEST);
    if (manifest != null) {
      return DockerArchive.images(blobs, manifest);
    }
    byte[] index = blobs.scan.small(OciLayout.INDEX);
    if (index != null) {
      return OciLayout.images(blobs, index, platform);
    }
    throw BerthException.invalid("not an image archive: neither " + DockerArchive.MANIFEST
        + " nor " + OciLayout.INDEX + " at its top");
  }

  private static Set<Digest> referenced(List<ArchiveImage> images) {
    Set<Digest> keep = new HashSet<>();
    for (ArchiveImage image : images) {
      keep.add(image.manifest().digest());
      keep.add(image.configDigest());
      for (Descriptor layer : image.parsed().layers()) {
        keep.add(layer.digest());
      }
    }
    return keep;
  }
}
