package dev.berth.image.layer;

import dev.berth.image.Trees;
import dev.berth.error.BerthException;
import dev.berth.error.ErrorKind;
import dev.berth.oci.image.Compression;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts an OCI or Docker layer tar into a snapshot directory, computing its diff_id on the
 * way.
 *
 * <p>Atomicity: when {@code target} does not exist (an overlay lower, or a fresh layer for the
 * copy snapshotter) the layer is extracted into a new directory beside it, {@code
 * .<name>.apply-<uuid>}, which is renamed to {@code target} only once the whole stream has been
 * read and checked; on any error that directory is removed and {@code target} still does not
 * exist. {@code target} may instead be an existing directory: empty in {@link
 * WhiteoutMode#OVERLAY} mode (an active snapshot's upper dir), or holding the lower layers' files
 * in {@link WhiteoutMode#PLAIN} mode. The layer is then applied in place and a failure leaves it
 * half applied, so the caller must apply onto a snapshot it can throw away.
 *
 * <p>Must run as root: it sets ownership, makes device nodes and sets {@code trusted.*} xattrs.
 * Those calls (mknod, lsetxattr, lchown, utimensat) go through berth-sys's FFM bindings (see
 * {@link Syscalls}); no host tool is run.
 */
public final class LayerApplier {

  /**
   * Applies {@code layer} to {@code target}. {@code compression} null means sniff the magic
   * bytes. Reads {@code layer} to its end; does not close it.
   *
   * @throws BerthException INVALID_ARGUMENT for a corrupt or truncated stream or an entry that
   *     would escape the root (the message names it), ALREADY_EXISTS when {@code target}
   *     exists in OVERLAY mode, SYSTEM when the host refuses a write
   */
  public ApplyResult apply(InputStream layer, Compression compression, Path target,
      WhiteoutMode mode) {
    Path absolute = target.toAbsolutePath().normalize();
    BasicFileAttributes existing = RootedPaths.attributesOrNull(absolute, absolute.toString());
    if (existing != null) {
      if (!existing.isDirectory() || existing.isSymbolicLink()) {
        throw BerthException.precondition("layer target " + absolute + " is not a directory");
      }
      if (mode == WhiteoutMode.OVERLAY && !isEmpty(absolute)) {
        throw BerthException.exists("layer target " + absolute + " exists already and is not"
            + " empty");
      }
      return extract(layer, compression, absolute, mode);
    }
    Path staging = absolute.resolveSibling("." + absolute.getFileName() + ".apply-"
        + UUID.randomUUID());
    try {
      Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rwxr-xr-x")));
    } catch (IOException e) {
      throw BerthException.system("creating " + staging + ": " + e.getMessage(), e);
    }
    boolean done = false;
    try {
      ApplyResult result = extract(layer, compression, staging, mode);
      Files.move(staging, absolute, StandardCopyOption.ATOMIC_MOVE);
      done = true;
      return result;
    } catch (IOException e) {
      throw BerthException.system("moving " + staging + " to " + absolute + ": "
          + e.getMessage(), e);
    } finally {
      if (!done) {
        try {
          Trees.deleteRecursively(staging);
        } catch (IOException e) {
          // the staging name is recognisable; reconciliation at start removes leftovers
        }
      }
    }
  }

  private static boolean isEmpty(Path dir) {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw BerthException.system("listing " + dir + ": " + e.getMessage(), e);
    }
  }

  private static ApplyResult extract(InputStream layer, Compression compression, Path root,
      WhiteoutMode mode) {
    EntryWriter writer = new EntryWriter(root, mode);
    int entries = 0;
    String last = null;
    DigestingInputStream tarStream;
    try {
      tarStream = new DigestingInputStream(
          LayerDecompression.open(new KeepOpen(layer), compression));
    } catch (IOException e) {
      throw BerthException.invalid("layer is not a valid " + describe(compression) + " stream: "
          + e.getMessage());
    }
    PaxXattrTap tap = new PaxXattrTap(tarStream);
    try (tarStream; TarArchiveInputStream tar = new TarArchiveInputStream(tap)) {
      while (true) {
        TarArchiveEntry entry;
        try {
          entry = tar.getNextEntry();
        } catch (IOException e) {
          throw corrupt(last, e);
        }
        if (entry == null) {
          break;
        }
        entries++;
        last = entry.getName();
        writer.write(entry, tar, tap.next());
      }
      try {
        tarStream.drain();
      } catch (IOException e) {
        throw corrupt(last, e);
      }
      writer.finish();
      return new ApplyResult(tarStream.digest(), tarStream.count(), entries);
    } catch (IOException e) {
      // only close() gets here
      throw BerthException.system("closing layer stream: " + e.getMessage(), e);
    }
  }

  private static BerthException corrupt(String lastEntry, IOException e) {
    String where = lastEntry == null ? "before the first entry" : "after entry \"" + lastEntry
        + "\"";
    return new BerthException(ErrorKind.INVALID_ARGUMENT,
        "layer is corrupt or truncated " + where + ": " + e.getMessage(), e);
  }

  private static String describe(Compression compression) {
    return compression == null ? "layer" : compression.name().toLowerCase(Locale.ROOT);
  }

  /** The caller owns the blob stream; closing the decompressor must not close it. */
  private static final class KeepOpen extends FilterInputStream {
    KeepOpen(InputStream in) {
      super(in);
    }

    @Override
    public void close() {}
  }
}
