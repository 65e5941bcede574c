package dev.berth.image.distribution;

import dev.berth.oci.image.Digest;
import java.nio.file.Path;
import java.util.List;

/**
 * Remembers which compressed registry blobs hold a layer. Entries are hints: a registry may
 * have deleted the blob since, so a user asks the registry before relying on one. Filled by
 * pulls (the blobs pulled) and pushes (the blobs a local layer was compressed into).
 *
 * <p>On disk: one text file per diff_id, {@code <root>/<algorithm>/<hex>}, a line per blob
 * {@code registry repository mediaType digest size}, replaced whole by an atomic rename.
 */
public interface LayerBlobs {
  /** The store under {@code root} (created on first write). */
  static LayerBlobs open(Path root) {
    return new FileLayerBlobs(root);
  }

  /** What is known of layer {@code diffId}, newest first. */
  List<LayerBlob> find(Digest diffId);

  /** Records {@code blob}; the same blob in the same repository is kept once. */
  void add(LayerBlob blob);
}
