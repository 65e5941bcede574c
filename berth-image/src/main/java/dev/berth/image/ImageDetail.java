package dev.berth.image;

import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import dev.berth.oci.image.ImageConfig;
import java.time.Instant;
import java.util.List;

/**
 * What {@code docker image inspect} shows of an image, field for field; the API layer turns it
 * into Docker's JSON.
 *
 * @param parent the image this one was committed or built on, or null
 * @param size bytes of all layers unpacked
 * @param layers the config's diff_ids (Docker's {@code RootFS.Layers})
 * @param lastTagTime when a tag last moved to it, or null
 * @param manifest the stored manifest this image is
 */
public record ImageDetail(Digest id, List<String> repoTags, List<String> repoDigests,
    Digest parent, ImageConfig config, long size, List<Digest> layers, Instant lastTagTime,
    Descriptor manifest) {
  public ImageDetail {
    repoTags = List.copyOf(repoTags);
    repoDigests = List.copyOf(repoDigests);
    layers = List.copyOf(layers);
  }

  /** The config's top-level {@code comment} (commit and import messages), or "". */
  public String comment() {
    Object c = config.extra().get("comment");
    return c == null ? "" : c.toString();
  }

  /** The config's {@code docker_version}, or "". */
  public String dockerVersion() {
    Object v = config.extra().get("docker_version");
    return v == null ? "" : v.toString();
  }
}
