package dev.berth.engine.volume;

import java.util.Map;

/**
 * A mount as asked for, before volumes are found or made: the mount (for an anonymous volume
 * its name is empty), and for a volume to be made the labels and driver options it gets.
 */
record MountRequest(MountPoint mount, Map<String, String> labels, Map<String, String> options) {
  MountRequest {
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    options = options == null ? Map.of() : Map.copyOf(options);
  }

  static MountRequest of(MountPoint m) {
    return new MountRequest(m, null, null);
  }
}
