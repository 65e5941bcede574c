package dev.berth.image.layer;

import dev.berth.image.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * OCI whiteouts (image-spec layer.md): {@code .wh.<name>} hides {@code <name>} of the lower
 * layers, {@code .wh..wh..opq} hides every lower entry of its directory. Other {@code .wh..wh.}
 * names are aufs bookkeeping and are skipped, as Docker does.
 */
final class Whiteouts {
  static final String PREFIX = ".wh.";
  static final String OPAQUE = ".wh..wh..opq";
  static final String META_PREFIX = ".wh..wh.";
  static final String OVERLAY_OPAQUE_XATTR = "trusted.overlay.opaque";

  private Whiteouts() {}

  /**
   * OVERLAY: a 0:0 character device in place of {@code hidden}, unless this layer put something
   * there itself (then the upper entry hides the lower one anyway).
   */
  static void overlayWhiteout(Path hidden, String entryName) throws IOException {
    try {
      Syscalls.mknod(hidden, 'c', 0, 0);
    } catch (FileAlreadyExistsException e) {
      // this layer's own entry: it hides the lower one already
    }
  }

  /** OVERLAY: marks {@code dir} opaque so overlayfs does not merge lower entries into it. */
  static void overlayOpaque(Path dir, String entryName) throws IOException {
    ensureDirectory(dir, entryName);
    Syscalls.setXattr(dir, OVERLAY_OPAQUE_XATTR, "y".getBytes(StandardCharsets.US_ASCII));
  }

  /** PLAIN: deletes the lower entry {@code hidden}; what this layer wrote stays. */
  static void plainWhiteout(Path hidden, Set<Path> written) throws IOException {
    if (hidden == null || written.contains(hidden)) {
      return;
    }
    Trees.deleteRecursively(hidden);
  }

  /** PLAIN: deletes everything under {@code dir} that this layer did not write. */
  static void plainOpaque(Path dir, Set<Path> written, String entryName) throws IOException {
    ensureDirectory(dir, entryName);
    clearLower(dir, written);
  }

  private static void clearLower(Path dir, Set<Path> written) throws IOException {
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.toList();
    }
    for (Path child : children) {
      if (!written.contains(child)) {
        Trees.deleteRecursively(child);
        continue;
      }
      BasicFileAttributes attrs = RootedPaths.attributesOrNull(child, child.toString());
      if (attrs != null && attrs.isDirectory()) {
        clearLower(child, written);
      }
    }
  }

  private static void ensureDirectory(Path dir, String entryName) throws IOException {
    BasicFileAttributes attrs = RootedPaths.attributesOrNull(dir, entryName);
    if (attrs == null) {
      Files.createDirectory(dir);
    } else if (!attrs.isDirectory()) {
      throw RootedPaths.reject(entryName, "opaque marker inside " + dir.getFileName()
          + ", which is not a directory");
    }
  }
}
