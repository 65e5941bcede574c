package dev.berth.image;

import java.util.List;

/** What a garbage collection removed: blobs, layer snapshots, and bytes of blobs freed. */
public record GcReport(List<String> removedBlobs, List<String> removedSnapshots,
    long blobBytesFreed) {
  public GcReport {
    removedBlobs = List.copyOf(removedBlobs);
    removedSnapshots = List.copyOf(removedSnapshots);
  }
}
