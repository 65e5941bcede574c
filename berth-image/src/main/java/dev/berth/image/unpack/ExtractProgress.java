package dev.berth.image.unpack;

import dev.berth.oci.image.Digest;

/**
 * How the extraction of a pulled layer goes, for Docker's {@code Extracting} and {@code Pull
 * complete} lines. Counts are of the blob as stored (compressed) bytes the extractor has read, so
 * they end at the blob's size. Called from extraction threads, several layers at once.
 */
public interface ExtractProgress {
  ExtractProgress NONE = new ExtractProgress() {
    @Override
    public void extracting(Digest blob, long consumed, long size) {}

    @Override
    public void extracted(Digest blob) {}
  };

  /** The extractor has read {@code consumed} of the {@code size} bytes of layer blob {@code blob}. */
  void extracting(Digest blob, long consumed, long size);

  /** Layer blob {@code blob} is extracted in full (its diff_id is computed). */
  void extracted(Digest blob);
}
