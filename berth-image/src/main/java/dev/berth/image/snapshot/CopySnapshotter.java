package dev.berth.image.snapshot;

import java.nio.file.Path;
import java.util.List;

/**
 * Copy snapshots: each snapshot's {@code fs} holds its whole tree. Preparing on a parent copies
 * the parent's {@code fs} ({@link TreeCopy}); a view binds its parent's {@code fs} read-only,
 * since a committed snapshot never changes. Mounts are binds. Slow and space-hungry, but needs
 * nothing from the file system.
 */
final class CopySnapshotter extends FsSnapshotter {
  CopySnapshotter(Path root) {
    super(root);
  }

  @Override
  void create(Path dir, Kind kind, List<Entry> parents) throws java.io.IOException {
    Path fs = dir.resolve("fs");
    if (kind == Kind.ACTIVE && !parents.isEmpty()) {
      TreeCopy.copy(fs(parents.getFirst().id()), fs);
    } else {
      java.nio.file.Files.createDirectory(fs);
    }
  }

  @Override
  List<MountSpec> mountsOf(Entry e, List<Entry> parents) {
    boolean active = e.info().kind() == Kind.ACTIVE;
    Path source = active || parents.isEmpty() ? fs(e.id()) : fs(parents.getFirst().id());
    return List.of(new MountSpec("bind", source.toString(),
        List.of(active ? "rw" : "ro", "rbind")));
  }

  @Override
  List<MountSpec> readOnlyMountsOf(Entry e, List<Entry> parents) {
    return List.of(new MountSpec("bind", fs(e.id()).toString(), List.of("ro", "rbind")));
  }

  @Override
  dev.berth.image.layer.WhiteoutMode applyMode() {
    return dev.berth.image.layer.WhiteoutMode.PLAIN;
  }
}
