package dev.berth.image.snapshot;

import java.time.Instant;
import java.util.Objects;

/**
 * What a snapshotter knows about one snapshot: its key (for a committed snapshot, the name it was
 * committed under), the key of its parent or null, its kind and when it was created.
 */
public record Info(String key, String parent, Kind kind, Instant created) {
  public Info {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(created, "created");
  }
}
