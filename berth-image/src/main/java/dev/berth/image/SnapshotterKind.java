package dev.berth.image;

import dev.berth.image.snapshot.Snapshotter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Which snapshotter unpacks layers: overlayfs where the kernel has it, plain copies elsewhere. */
public enum SnapshotterKind {
  OVERLAY,
  COPY;

  /** Overlay if {@code /proc/filesystems} lists it. */
  public static SnapshotterKind detect() {
    try {
      return Files.readString(Path.of("/proc/filesystems")).contains("\toverlay\n") ? OVERLAY
          : COPY;
    } catch (IOException e) {
      return COPY;
    }
  }

  Snapshotter open(Path root) {
    return this == OVERLAY ? Snapshotter.overlay(root) : Snapshotter.copy(root);
  }
}
