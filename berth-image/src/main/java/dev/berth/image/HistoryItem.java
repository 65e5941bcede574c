package dev.berth.image;

/**
 * A row of {@code docker history}, newest first. {@code id} is the image id on the top row and
 * {@code <missing>} below it, as Docker shows for layers that are not images of their own.
 *
 * @param created seconds since the epoch
 * @param size bytes the step's layer adds (0 for a step that made no layer)
 */
public record HistoryItem(String id, long created, String createdBy, java.util.List<String> tags,
    long size, String comment) {
  public HistoryItem {
    tags = java.util.List.copyOf(tags);
  }
}
