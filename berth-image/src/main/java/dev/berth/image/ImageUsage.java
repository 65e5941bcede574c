package dev.berth.image;

import dev.berth.oci.image.Digest;
import java.util.List;

/**
 * Which containers use an image; the engine owns containers, so it answers. Removing and pruning
 * consult it: a running container's image can never be removed, a stopped one's only by force.
 */
@FunctionalInterface
public interface ImageUsage {
  /** No containers at all. */
  ImageUsage NONE = id -> List.of();

  /** The containers made from image {@code imageId}. */
  List<ContainerUse> containersOf(Digest imageId);

  /** A container and whether it is running (or paused, or restarting). */
  record ContainerUse(String containerId, boolean running) {}
}
