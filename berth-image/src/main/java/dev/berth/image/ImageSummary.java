package dev.berth.image;

import dev.berth.oci.image.Digest;
import java.util.List;
import java.util.Map;

/**
 * A row of {@code docker images}, as the {@code /images/json} endpoint returns it.
 *
 * @param repoTags familiar {@code name:tag}s; empty for a dangling image
 * @param repoDigests familiar {@code name@digest}s
 * @param created the config's creation time, seconds since the epoch (0 when absent)
 * @param size bytes of all layers unpacked
 */
public record ImageSummary(Digest id, Digest parentId, List<String> repoTags,
    List<String> repoDigests, long created, long size, Map<String, String> labels) {
  public ImageSummary {
    repoTags = List.copyOf(repoTags);
    repoDigests = List.copyOf(repoDigests);
    labels = Map.copyOf(labels);
  }
}
