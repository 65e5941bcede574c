package dev.berth.image.store;

import dev.berth.oci.image.Descriptor;
import dev.berth.oci.image.Digest;
import java.time.Instant;

/**
 * One image as the store knows it. Its id is the config digest, as in Docker; {@code manifest} is
 * the stored manifest the image was loaded, pulled or built as, and names the config and layers.
 *
 * @param parent the image this one was committed or built on, or null
 * @param added when the image entered this store
 * @param lastTagTime when a name last moved to it, or null
 */
public record ImageRecord(Digest id, Descriptor manifest, Digest parent, Instant added,
    Instant lastTagTime) {
  public ImageRecord {
    if (id == null || manifest == null || added == null) {
      throw new IllegalArgumentException("image record needs an id, a manifest and a time");
    }
  }

  public ImageRecord withLastTagTime(Instant t) {
    return new ImageRecord(id, manifest, parent, added, t);
  }
}
