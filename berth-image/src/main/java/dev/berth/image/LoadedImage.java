package dev.berth.image;

import dev.berth.oci.image.Digest;
import java.util.List;

/**
 * An image that a load or import added: its id and the names now pointing at it, in Docker's
 * familiar form ({@code busybox:latest}). {@code docker load} prints {@code Loaded image: <tag>}
 * for each name, or {@code Loaded image ID: <id>} when there is none.
 */
public record LoadedImage(Digest id, List<String> tags) {
  public LoadedImage {
    tags = List.copyOf(tags);
  }
}
