package dev.berth.image.archive;

import dev.berth.oci.image.Digest;
import java.nio.file.Path;

/** Where the bytes of one blob of an archive being written come from. */
sealed interface ExportBlob {
  long size();

  /** A blob streamed from the content store as it is. */
  record Stored(Digest digest, long size) implements ExportBlob {}

  /** A layer decompressed into a temp file. */
  record TempFile(Path file, long size) implements ExportBlob {}

  /** Metadata made in memory (configs, manifests). */
  record Bytes(byte[] content) implements ExportBlob {
    @Override
    public long size() {
      return content.length;
    }
  }
}
