package dev.berth.image.snapshot;

/** What a snapshot is for; see {@link Snapshotter} for the lifecycle. */
public enum Kind {
  /** Writable, made by {@link Snapshotter#prepare}; can be committed. */
  ACTIVE,
  /** Read-only, made by {@link Snapshotter#view}; cannot be committed. */
  VIEW,
  /** Immutable, made by {@link Snapshotter#commit}; the only kind that can be a parent. */
  COMMITTED;

  String json() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static Kind fromJson(String s) {
    return valueOf(s.toUpperCase(java.util.Locale.ROOT));
  }
}
