package dev.berth.image;

import dev.berth.error.BerthException;
import dev.berth.image.snapshot.ApplyTarget;
import dev.berth.image.snapshot.Mounter;
import dev.berth.image.snapshot.Snapshotter;
import dev.berth.image.layer.WhiteoutMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code docker diff} from an overlay upper dir: a whiteout is a deletion, anything else a change
 * when the image has the path and an addition when it does not. The image's side is a read-only
 * view of the container's parent snapshot, mounted for the walk.
 */
final class ChangeWalker {
  private ChangeWalker() {}

  static List<Change> changes(Snapshotter snapshots, String key, Path tmp) {
    ApplyTarget upper = snapshots.applyTarget(key);
    if (upper.mode() != WhiteoutMode.OVERLAY) {
      throw BerthException.precondition("docker diff needs the overlay snapshotter");
    }
    String parent = snapshots.stat(key).parent();
    String viewKey = "diff-" + UUID.randomUUID();
    Path lower = tmp.resolve(viewKey);
    try {
      Files.createDirectories(lower);
      if (parent != null) {
        Mounter.mount(snapshots.view(viewKey, parent), lower);
      }
      try {
        return walk(upper.directory(), lower);
      } finally {
        if (parent != null) {
          Mounter.unmount(lower);
          snapshots.remove(viewKey);
        }
      }
    } catch (IOException e) {
      throw BerthException.system("diff of " + key + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(lower);
      } catch (IOException e) {
        // tmp/ is emptied at the next open
      }
    }
  }

  private static List<Change> walk(Path upper, Path lower) throws IOException {
    List<Change> out = new ArrayList<>();
    List<Path> all;
    try (Stream<Path> s = Files.walk(upper)) {
      all = s.filter(p -> !p.equals(upper)).sorted(Comparator.comparing(Path::toString)).toList();
    }
    for (Path p : all) {
      Path rel = upper.relativize(p);
      String path = "/" + rel;
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class,
          LinkOption.NOFOLLOW_LINKS);
      if (a.isOther() && isWhiteout(p)) {
        out.add(new Change(path, Change.DELETED));
      } else {
        boolean inImage = Files.exists(lower.resolve(rel.toString()), LinkOption.NOFOLLOW_LINKS);
        out.add(new Change(path, inImage ? Change.MODIFIED : Change.ADDED));
      }
    }
    return out;
  }

  /** Overlay's whiteout: a character device 0:0. */
  private static boolean isWhiteout(Path p) throws IOException {
    Object rdev = Files.getAttribute(p, "unix:rdev", LinkOption.NOFOLLOW_LINKS);
    Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return ((Integer) mode & 0170000) == 0020000 && ((Long) rdev) == 0L;
  }
}
