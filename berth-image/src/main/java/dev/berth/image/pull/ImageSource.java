package dev.berth.image.pull;

import dev.berth.image.archive.LayerTap;
import dev.berth.image.content.ContentStore;
import dev.berth.image.unpack.ExtractProgress;

/**
 * Where a pulled image comes from. {@link #fetch} runs outside the image service's change lock
 * (other changes go on meanwhile), on a view of the content store that keeps what it touches
 * from collection until the image is recorded; what it added is removed again if it, the unpack
 * or the record write fails, so a failed pull leaves every store as it was.
 */
public interface ImageSource {
  /**
   * Writes the image's manifest, config and every missing layer blob into {@code content}, each
   * verified against its digest before it is committed, and returns what it fetched.
   *
   * @param tap sees each layer's bytes as they arrive, so extraction runs beside the download;
   *     null when the snapshotter cannot use that
   */
  PulledImage fetch(ContentStore content, LayerTap tap);

  /**
   * Told how the extraction of the layers {@link #fetch} wrote goes: beside the download through
   * the tap, or after {@code fetch} for the layers unpacked from the store.
   */
  default ExtractProgress extraction() {
    return ExtractProgress.NONE;
  }
}
