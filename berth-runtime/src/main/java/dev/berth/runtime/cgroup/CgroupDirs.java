package dev.berth.runtime.cgroup;

import dev.berth.error.BerthException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Making a cgroup directory with its missing ancestors (remembering what was made, so a failed
 * create takes back exactly that), and removing a cgroup's directory tree.
 */
final class CgroupDirs {
  /** v1 rmdir can fail with EBUSY just after the last process left; this bounds the retries. */
  private static final int RMDIR_ATTEMPTS = 50;

  private static final long RMDIR_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** Called for each level on the way down: the parent and the directory below it. */
  interface Level {
    void visit(Path parent, Path dir);

    Level NONE = (parent, dir) -> {};
  }

  private final CgroupFs fs;
  private final List<Path> made = new ArrayList<>();

  CgroupDirs(CgroupFs fs) {
    this.fs = fs;
  }

  /**
   * Makes {@code root/rel}, level by level. {@code before} runs ahead of each level's mkdir (also
   * for levels that exist), {@code after} once the level exists.
   */
  void make(Path root, String rel, Level before, Level after) {
    Path parent = root;
    for (String part : rel.split("/")) {
      Path dir = parent.resolve(part);
      before.visit(parent, dir);
      if (!Files.isDirectory(dir)) {
        try {
          fs.mkdir(dir);
        } catch (IOException e) {
          throw BerthException.system("cannot create cgroup " + dir + ": " + CgroupFs.reason(e), e);
        }
        made.add(dir);
      }
      after.visit(parent, dir);
      parent = dir;
    }
  }

  /**
   * {@link #make} for a hierarchy whose levels above {@code rel} need nothing done to them: one
   * mkdir of the last level in the common case (its parent is there from earlier containers),
   * the level-by-level walk only when the parent is missing or the directory exists.
   */
  void makeLast(Path root, String rel) {
    Path dir = root.resolve(rel);
    try {
      fs.mkdir(dir);
      made.add(dir);
      return;
    } catch (IOException e) {
      // a missing parent, or the directory is there: the walk finds out which and says why
    }
    make(root, rel, Level.NONE, Level.NONE);
  }

  /** Removes what {@link #make} made, deepest first, adding any failure to {@code cause}. */
  void undo(Throwable cause) {
    for (Path dir : made.reversed()) {
      try {
        removeOne(fs, dir);
      } catch (RuntimeException e) {
        cause.addSuppressed(e);
      }
    }
    made.clear();
  }

  /** Removes {@code dir} and every cgroup below it, children first. A missing {@code dir} is fine. */
  static void removeTree(CgroupFs fs, Path dir) {
    for (Path d : tree(dir).reversed()) {
      removeOne(fs, d);
    }
  }

  /** {@code dir} and its descendant directories, parents before children; empty if {@code dir} is gone. */
  static List<Path> tree(Path dir) {
    List<Path> out = new ArrayList<>();
    try {
      collect(dir, out);
    } catch (IOException | UncheckedIOException e) {
      throw BerthException.system("cannot list cgroup " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  // On the delete path of every container: a cgroup directory holds some thirty files, so list
  // one only when its link count (2 + subdirectories, on kernfs as on tmpfs and ext4) says it
  // has children; a link count of 1 (btrfs) says nothing, so list then too.
  private static void collect(Path dir, List<Path> out) throws IOException {
    int links;
    try {
      links = (Integer) Files.getAttribute(dir, "unix:nlink", LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return;
    }
    out.add(dir);
    if (links == 2) return;
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) children.add(p);
      }
    } catch (NoSuchFileException e) {
      return;
    }
    children.sort(Comparator.naturalOrder());
    for (Path c : children) collect(c, out);
  }

  /** Every pid in {@code cgroup.procs} of {@code dir} and its descendants. */
  static TreeSet<Integer> pids(Path dir) {
    TreeSet<Integer> pids = new TreeSet<>();
    for (Path d : tree(dir)) {
      for (String line : CgroupFs.readOrEmpty(d.resolve("cgroup.procs")).split("\n")) {
        if (!line.isBlank()) {
          pids.add(Integer.parseInt(line.strip()));
        }
      }
    }
    return pids;
  }

  private static void removeOne(CgroupFs fs, Path dir) {
    for (int attempt = 1; ; attempt++) {
      try {
        fs.rmdir(dir);
        return;
      } catch (NoSuchFileException e) {
        return;
      } catch (DirectoryNotEmptyException e) {
        throw BerthException.precondition("cannot remove cgroup " + dir + ": it has child cgroups");
      } catch (IOException e) {
        // EBUSY right after the last task exits: the kernel has not yet let go of the css.
        boolean transient_ = e instanceof FileSystemException && !(e instanceof AccessDeniedException);
        if (!transient_ || attempt == RMDIR_ATTEMPTS) {
          throw BerthException.system("cannot remove cgroup " + dir + ": " + CgroupFs.reason(e), e);
        }
        LockSupport.parkNanos(RMDIR_PAUSE_NANOS);
      }
    }
  }
}
