package dev.berth.oci.image;

/** How a layer blob is compressed, from its media type ({@link MediaTypes#compressionOf}). */
public enum Compression {
  NONE,
  GZIP,
  ZSTD
}
