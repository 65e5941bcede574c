package dev.berth.image.content;

import dev.berth.oci.image.Digest;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads committed blobs. The provider role of a {@link ContentStore}; code that only reads
 * depends on this.
 */
public interface ContentProvider {
  /** The file holding the blob, if present. The file is read-only; do not modify or move it. */
  Optional<Path> path(Digest digest);

  /** A stream over the blob's bytes; {@code NOT_FOUND} naming the digest when absent. */
  InputStream open(Digest digest);

  /** The blob's size; {@code NOT_FOUND} naming the digest when absent. */
  BlobInfo info(Digest digest);

  /** Whether the blob is present. */
  boolean exists(Digest digest);
}
