package dev.berth.image.archive;

import dev.berth.oci.image.Digest;

/**
 * Sees the bytes of each tar-like blob as the archive streams past, so that unpacking can run
 * beside the read instead of after it. The reader stays the authority: a tap only prepares work
 * that the unpacker may use once the archive's metadata says which blob is which layer.
 */
public interface LayerTap {
  /**
   * A blob of {@code size} bytes at archive path {@code path} starts, and its first bytes look
   * like a tar (plain or compressed). Returns where to copy its bytes, or null to ignore it.
   */
  Feed open(String path, long size);

  /** The bytes of one blob, in order; then exactly one of {@link #complete} or {@link #abort}. */
  interface Feed {
    /** Copies {@code len} bytes; may block while the consumer catches up. */
    void write(byte[] b, int off, int len);

    /**
     * The blob is stored as {@code digest}; {@code added} is false when the store had it
     * already (its layer is then most likely unpacked, so the work may be dropped).
     */
    void complete(Digest digest, boolean added);

    /** The blob was not stored; drop everything. */
    void abort();
  }
}
