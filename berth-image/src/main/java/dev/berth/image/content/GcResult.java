package dev.berth.image.content;

import dev.berth.oci.image.Digest;
import java.util.List;

/**
 * What {@link ContentStore#gc} removed: the unreferenced blobs (sorted), how many stale ingest
 * files, and the bytes freed by both.
 */
public record GcResult(List<Digest> removedBlobs, int removedIngests, long bytesFreed) {
  public GcResult {
    removedBlobs = List.copyOf(removedBlobs);
  }
}
