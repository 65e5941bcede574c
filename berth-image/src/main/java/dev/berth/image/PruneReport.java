package dev.berth.image;

import java.util.List;

/** What an image prune removed, and the bytes of layers it freed. */
public record PruneReport(List<DeleteItem> deleted, long spaceReclaimed) {
  public PruneReport {
    deleted = List.copyOf(deleted);
  }
}
