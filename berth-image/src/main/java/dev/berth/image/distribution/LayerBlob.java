package dev.berth.image.distribution;

import dev.berth.error.BerthException;
import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import java.util.Objects;

/**
 * A layer with diff_id {@code diffId} is the blob {@code blob} (compressed, as stored in the
 * registry) in repository {@code repository} of registry {@code registry} (a domain such as
 * {@code docker.io} or {@code localhost:5000}).
 */
public record LayerBlob(Digest diffId, Descriptor blob, String registry, String repository) {
  public LayerBlob {
    Objects.requireNonNull(diffId, "diffId");
    Objects.requireNonNull(blob, "blob");
    for (String s : new String[] {blob.mediaType(), registry, repository}) {
      if (s == null || s.isEmpty() || s.chars().anyMatch(Character::isWhitespace)) {
        throw BerthException.invalid("layer blob of " + diffId + ": bad word \"" + s + "\"");
      }
    }
  }
}
