package dev.berth.image.content;

import dev.berth.oci.image.Digest;
import java.util.Objects;

/** A committed blob: its digest and its size in bytes. */
public record BlobInfo(Digest digest, long size) {
  public BlobInfo {
    Objects.requireNonNull(digest, "digest");
    if (size < 0) {
      throw new IllegalArgumentException("negative size " + size + " for " + digest);
    }
  }
}
