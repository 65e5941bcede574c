package dev.berth.network;

import dev.berth.error.BerthException;
import dev.berth.sys.Mounts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A container's network namespace kept as a bind-mounted {@code nsfs} file under
 * {@code <exec-root>/netns/}, so that it outlives the processes in it (a restart of the
 * container's process, or of berthd) until its owner removes it.
 */
public final class Sandbox {
  private Sandbox() {}

  /** Makes {@code dir} a private mount of itself, so namespace binds in it stay out of peers. */
  static void prepareDir(Path dir) {
    try {
      Files.createDirectories(dir);
      if (!mounted(dir)) {
        Mounts.mount(dir.toString(), dir, null, Mounts.MS_BIND, null);
        Mounts.mount("none", dir, null, Mounts.MS_PRIVATE, null);
      }
    } catch (IOException e) {
      throw BerthException.system("preparing " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Undoes {@link #prepareDir} once no namespace is left in {@code dir}. */
  static void releaseDir(Path dir) {
    try {
      if (!Files.isDirectory(dir)) {
        return;
      }
      try (var files = Files.list(dir)) {
        if (files.findAny().isPresent()) {
          return;
        }
      }
      if (mounted(dir)) {
        Mounts.umount2(dir, Mounts.MNT_DETACH);
      }
      Files.deleteIfExists(dir);
    } catch (IOException | RuntimeException e) {
      // still in use: the next start finds it prepared
    }
  }

  /**
   * A new network namespace bound at {@code file} (util-linux unshare's persistent form), its
   * loopback up.
   */
  static void create(Path file) {
    try {
      Files.deleteIfExists(file);
      Files.createFile(file);
      exec(List.of("unshare", "--net=" + file, "ip", "link", "set", "lo", "up"));
    } catch (IOException | BerthException e) {
      remove(file);
      throw e instanceof BerthException b ? b
          : BerthException.system("creating network namespace " + file + ": " + e.getMessage(),
              e);
    }
  }

  /** Unbinds and deletes the namespace file; the namespace ends with its last user. */
  static void remove(Path file) {
    try {
      if (mounted(file)) {
        Mounts.umount2(file, Mounts.MNT_DETACH);
      }
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw BerthException.system("removing network namespace " + file + ": " + e.getMessage(),
          e);
    }
  }

  static boolean mounted(Path p) throws IOException {
    String target = " " + p.toAbsolutePath() + " ";
    return Files.readAllLines(Path.of("/proc/self/mounts")).stream()
        .anyMatch(l -> l.contains(target));
  }

  private static void exec(List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).trim();
    try {
      if (p.waitFor() != 0) {
        throw BerthException.system(String.join(" ", cmd) + ": " + out, null);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw BerthException.system("interrupted: " + String.join(" ", cmd), e);
    }
  }
}
