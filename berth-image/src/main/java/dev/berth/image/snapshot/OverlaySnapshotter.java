package dev.berth.image.snapshot;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Overlayfs snapshots. {@code <id>/fs} is an active snapshot's upper dir and, once committed, a
 * lower dir of its children; {@code <id>/work} is overlay's work dir. Mounts:
 *
 * <ul>
 *   <li>active, no parent: a read-write bind of {@code fs};
 *   <li>active on a parent: overlay with {@code lowerdir} = the parent chain newest first,
 *       {@code upperdir} = fs, {@code workdir} = work;
 *   <li>view, no parent: a read-only bind of its own (empty) {@code fs}; view of one committed
 *       snapshot: a read-only bind of that snapshot's {@code fs}; deeper: a read-only overlay of
 *       lower dirs only.
 * </ul>
 *
 * The kernel copies mount data into one page, so the option string must stay under 4096 bytes.
 * Paths are absolute when they fit; otherwise they are relative to the root ({@code 12/fs}) and
 * the {@link MountSpec} carries {@code chdir = root}. With ids of a few digits that is about six
 * bytes per layer, so some 600 layers fit, beyond overlay's own limit of 500 lowers.
 */
final class OverlaySnapshotter extends FsSnapshotter {
  /** mount(2) data must fit in a page including its terminating NUL. */
  static final int MAX_DATA = 4095;

  OverlaySnapshotter(Path root) {
    super(root);
  }

  @Override
  void create(Path dir, Kind kind, List<Entry> parents) throws IOException {
    Files.createDirectory(dir.resolve("fs"));
    if (kind == Kind.ACTIVE) {
      Files.createDirectory(dir.resolve("work"));
    }
  }

  @Override
  List<MountSpec> mountsOf(Entry e, List<Entry> parents) {
    boolean active = e.info().kind() == Kind.ACTIVE;
    if (parents.isEmpty()) {
      return List.of(bind(fs(e.id()), !active));
    }
    if (!active && parents.size() == 1) {
      return List.of(bind(fs(parents.getFirst().id()), true));
    }
    List<String> abs = options(e, parents, active, id -> fs(id).toString(),
        id -> dir(id).resolve("work").toString());
    if (dataLength(abs) <= MAX_DATA) {
      return List.of(new MountSpec("overlay", "overlay", abs));
    }
    List<String> rel = options(e, parents, active, id -> id + "/fs", id -> id + "/work");
    if (dataLength(rel) > MAX_DATA) {
      throw dev.berth.error.BerthException.invalid("snapshot " + e.info().key() + " has "
          + parents.size() + " layers; their overlay options do not fit in a page");
    }
    return List.of(new MountSpec("overlay", "overlay", rel, root));
  }

  @Override
  List<MountSpec> readOnlyMountsOf(Entry e, List<Entry> parents) {
    if (parents.isEmpty()) {
      return List.of(bind(fs(e.id()), true));
    }
    // the upper dir as topmost lower: no workdir, so no write can reach the live upper
    String abs = "lowerdir=" + fs(e.id()) + ":" + parents.stream().map(p -> fs(p.id()).toString())
        .collect(Collectors.joining(":"));
    if (abs.length() <= MAX_DATA) {
      return List.of(new MountSpec("overlay", "overlay", List.of("ro", abs)));
    }
    String rel = "lowerdir=" + e.id() + "/fs:" + parents.stream().map(p -> p.id() + "/fs")
        .collect(Collectors.joining(":"));
    return List.of(new MountSpec("overlay", "overlay", List.of("ro", rel), root));
  }

  @Override
  dev.berth.image.layer.WhiteoutMode applyMode() {
    return dev.berth.image.layer.WhiteoutMode.OVERLAY;
  }

  private static List<String> options(Entry e, List<Entry> parents, boolean active,
      Function<String, String> fsPath, Function<String, String> workPath) {
    String lower = "lowerdir=" + parents.stream().map(p -> fsPath.apply(p.id()))
        .collect(Collectors.joining(":"));
    if (!active) {
      return List.of("ro", lower);
    }
    return List.of(lower, "upperdir=" + fsPath.apply(e.id()),
        "workdir=" + workPath.apply(e.id()));
  }

  /** Bytes of the data string {@link Mounter} builds: the non-flag options joined by commas. */
  private static int dataLength(List<String> options) {
    return options.stream().filter(o -> !Mounter.isFlag(o))
        .collect(Collectors.joining(",")).getBytes(StandardCharsets.UTF_8).length;
  }

  private static MountSpec bind(Path fs, boolean readOnly) {
    return new MountSpec("bind", fs.toString(), List.of(readOnly ? "ro" : "rw", "rbind"));
  }
}
