package dev.berth.image;

import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import java.util.List;

/**
 * What {@code docker commit} turns into an image: a container's snapshot (its changes become one
 * new layer), the image it was made from, and the container's effective config.
 *
 * @param reference the name to give the image ({@code repo[:tag]}), or null
 * @param changes Dockerfile instructions applied to {@code config} ({@code --change})
 */
public record CommitRequest(String snapshotKey, Digest parentImage,
    ImageConfig.ContainerConfig config, String reference, String author, String comment,
    List<String> changes) {
  public CommitRequest {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }
}
