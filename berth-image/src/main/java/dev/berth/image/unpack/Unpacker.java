package dev.berth.image.unpack;

import dev.berth.error.BerthException;
import dev.berth.image.content.ContentProvider;
import dev.berth.image.layer.ApplyResult;
import dev.berth.image.layer.LayerApplier;
import dev.berth.image.snapshot.ApplyTarget;
import dev.berth.image.snapshot.Snapshotter;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import dev.berth.oci.image.ImageManifest;
import dev.berth.oci.image.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import dev.berth.image.layer.WhiteoutMode;

/**
 * Turns an image's layer blobs into committed snapshots named by chain id, lowest first. A layer
 * whose chain is already unpacked is skipped. Each new layer is applied straight into a fresh
 * active snapshot ({@link Snapshotter#applyTarget}), its diff_id checked against the config, and
 * only then committed under its chain id; on failure that snapshot is removed, so a chain id
 * always names a complete, verified layer.
 */
public final class Unpacker {
  /** Prefix of the active snapshots layers are applied into; leftovers are crash debris. */
  public static final String EXTRACT_PREFIX = "extract-";

  private final ContentProvider content;
  private final Snapshotter snapshots;
  private final LayerApplier applier = new LayerApplier();
  private final LayerSizes sizes;

  /** Where the unpacked size of each layer chain is kept. */
  public interface LayerSizes {
    /** Records the uncompressed tar bytes of chain {@code chainId}. */
    void put(Digest chainId, long size);

    void delete(Digest chainId);
  }

  public Unpacker(ContentProvider content, Snapshotter snapshots, LayerSizes sizes) {
    this.content = content;
    this.snapshots = snapshots;
    this.sizes = sizes;
  }

  /**
   * Unpacks {@code manifest}'s layers. The manifest and config must agree on the number of
   * layers; every layer blob must be present. All or nothing: on failure the layers this call
   * made are removed again.
   */
  public UnpackResult unpack(ImageManifest manifest, ImageConfig config) {
    return unpack(manifest, config, null);
  }

  /**
   * As {@link #unpack(ImageManifest, ImageConfig)}, using layers {@code prefetch} extracted while
   * the archive was read (null for none) where it has them.
   */
  public UnpackResult unpack(ImageManifest manifest, ImageConfig config, LayerPrefetch prefetch) {
    return unpack(manifest, config, prefetch, ExtractProgress.NONE);
  }

  /**
   * As {@link #unpack(ImageManifest, ImageConfig, LayerPrefetch)}, telling {@code progress} how
   * the layers applied here (not those {@code prefetch} extracted, it reports its own) go.
   */
  public UnpackResult unpack(ImageManifest manifest, ImageConfig config, LayerPrefetch prefetch,
      ExtractProgress progress) {
    List<Descriptor> layers = manifest.layers();
    List<Digest> diffIds = config.rootfs() == null ? List.of() : config.rootfs().diffIds();
    if (layers.size() != diffIds.size()) {
      throw BerthException.invalid("image " + manifest.config().digest() + " has "
          + layers.size() + " layers but its config lists " + diffIds.size() + " diff_ids");
    }
    List<Digest> chains = ChainIds.of(diffIds);
    List<Digest> created = new ArrayList<>();
    try {
      for (int i = 0; i < layers.size(); i++) {
        String key = chains.get(i).toString();
        if (exists(key)) {
          continue;
        }
        String parent = i == 0 ? null : chains.get(i - 1).toString();
        apply(i, layers.get(i), diffIds.get(i), parent, key, prefetch, progress);
        created.add(chains.get(i));
      }
    } catch (RuntimeException e) {
      remove(created, e);
      throw e;
    }
    return new UnpackResult(chains, created);
  }

  /** Removes layers an unpack made, newest first; failures are added to {@code cause}. */
  public void remove(List<Digest> created, RuntimeException cause) {
    for (Digest chain : created.reversed()) {
      try {
        snapshots.remove(chain.toString());
        sizes.delete(chain);
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
  }

  private void apply(int index, Descriptor layer, Digest diffId, String parent, String key,
      LayerPrefetch prefetch, ExtractProgress progress) {
    if (!MediaTypes.isLayer(layer.mediaType())) {
      throw BerthException.invalid("layer " + index + " (" + layer.digest()
          + ") has unsupported media type \"" + layer.mediaType() + "\"");
    }
    if (!content.exists(layer.digest())) {
      throw BerthException.notFound("layer " + index + " (" + layer.digest()
          + ") is not in the content store");
    }
    String active = EXTRACT_PREFIX + UUID.randomUUID();
    snapshots.prepare(active, parent);
    boolean committed = false;
    try {
      ApplyTarget target = snapshots.applyTarget(active);
      ApplyResult result = prefetched(prefetch, layer.digest(), target)
          .orElseGet(() -> applyBlob(index, layer, target, progress));
      if (!result.diffId().equals(diffId)) {
        throw BerthException.invalid("layer " + index + " (" + layer.digest()
            + "): diff_id mismatch: config says " + diffId + ", content is " + result.diffId());
      }
      snapshots.commit(key, active);
      committed = true;
      sizes.put(Digest.parse(key), result.size());
    } finally {
      if (!committed) {
        snapshots.remove(active);
      }
    }
  }

  /**
   * Moves a layer extracted during the archive read into {@code target}, an empty overlay
   * upper dir; empty when there is none or its extraction failed (the blob is applied afresh,
   * which reports the failure properly).
   */
  private static Optional<ApplyResult> prefetched(LayerPrefetch prefetch, Digest blob,
      ApplyTarget target) {
    if (prefetch == null || target.mode() != WhiteoutMode.OVERLAY) {
      return Optional.empty();
    }
    Optional<LayerPrefetch.Staged> staged = prefetch.take(blob);
    if (staged.isEmpty()) {
      return Optional.empty();
    }
    Optional<ApplyResult> result = staged.get().await();
    if (result.isEmpty()) {
      return result;
    }
    try {
      // rename(2) replaces the empty directory the snapshot was prepared with
      Files.move(staged.get().dir(), target.directory(), StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw BerthException.system("moving the extracted layer " + blob + " into place: "
          + e.getMessage(), e);
    }
    return result;
  }

  private ApplyResult applyBlob(int index, Descriptor layer, ApplyTarget target,
      ExtractProgress progress) {
    Digest blob = layer.digest();
    try (InputStream in = new CountingInputStream(content.open(blob),
        n -> progress.extracting(blob, n, layer.size()))) {
      // sniffed, not taken from the media type: some registries label plain tars as gzip
      ApplyResult result = applier.apply(in, null, target.directory(), target.mode());
      progress.extracted(blob);
      return result;
    } catch (IOException e) {
      throw BerthException.system("reading layer " + layer.digest() + ": " + e.getMessage(), e);
    } catch (BerthException e) {
      throw e.wrap("layer " + index + " (" + layer.digest() + ")");
    }
  }

  private boolean exists(String key) {
    try {
      snapshots.stat(key);
      return true;
    } catch (BerthException e) {
      if (e.kind() == dev.berth.error.ErrorKind.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }
}
