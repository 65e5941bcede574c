package dev.berth.image.layer;

/** What an OCI whiteout ({@code .wh.<name>}, {@code .wh..wh..opq}) becomes on disk. */
public enum WhiteoutMode {
  /**
   * The directory becomes an overlayfs lower: {@code .wh.x} becomes a 0:0 character device
   * {@code x}, {@code .wh..wh..opq} becomes {@code trusted.overlay.opaque=y} on its directory.
   */
  OVERLAY,
  /**
   * The directory already holds the lower layers' files (copy snapshotter): {@code .wh.x}
   * deletes {@code x}, {@code .wh..wh..opq} empties its directory of everything this layer did
   * not write.
   */
  PLAIN
}
