package dev.berth.image.content;

import dev.berth.error.BerthException;
import dev.berth.oci.image.Digest;
import dev.berth.sys.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The content store on a local filesystem.
 *
 * <pre>
 * &lt;root&gt;/                       (e.g. /var/lib/berth/content)
 *   blobs/&lt;algorithm&gt;/&lt;hex&gt;     committed blobs, mode 0444, named by digest
 *                                e.g. blobs/sha256/e3b0c442…; only verified content is here
 *   ingest/&lt;random&gt;            writes in progress, mode 0600, one per open {@link BlobWriter}
 * </pre>
 *
 * <p>{@code ingest/} and {@code blobs/} must be on one filesystem ({@link #open} checks) so that
 * commit is a single {@code rename(2)}: the temp file is written, hashed, checked against the
 * expected size and digest, {@code fsync}ed, made read-only and renamed to its blob name, then the
 * blob directory is {@code fsync}ed. If the blob is already present the temp file is deleted
 * instead. Should two writers race past that check, the second rename atomically replaces the
 * first's file with identical bytes, so readers never see anything but the complete blob.
 *
 * <p>Files in {@code ingest/} left by a crash are removed by {@link #gc} once old enough; files
 * in {@code blobs/} whose names are not valid digests are ignored. Changing this layout needs a
 * migration of existing stores.
 */
final class FileContentStore implements ContentStore {
  private static final List<String> ALGORITHMS = List.of(Digest.SHA256, Digest.SHA512);

  private final Path blobs;
  private final Path ingest;
  /** Ingest files of writers still open in this process, which gc must not delete. */
  private final Set<Path> active = ConcurrentHashMap.newKeySet();

  private FileContentStore(Path blobs, Path ingest) {
    this.blobs = blobs;
    this.ingest = ingest;
  }

  static FileContentStore open(Path root) {
    Path blobs = root.resolve("blobs");
    Path ingest = root.resolve("ingest");
    try {
      Files.createDirectories(blobs);
      Files.createDirectories(ingest);
      FileStore blobStore = Files.getFileStore(blobs);
      FileStore ingestStore = Files.getFileStore(ingest);
      if (!blobStore.equals(ingestStore)) {
        throw BerthException.precondition("content store " + root + ": " + ingest + " is on "
            + ingestStore + " but " + blobs + " is on " + blobStore
            + "; they must share a filesystem for atomic commit");
      }
    } catch (IOException e) {
      throw io("opening content store " + root, e);
    }
    return new FileContentStore(blobs, ingest);
  }

  // Provider

  @Override
  public Optional<Path> path(Digest digest) {
    Path path = blobPath(digest);
    return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
  }

  @Override
  public InputStream open(Digest digest) {
    try {
      return Files.newInputStream(blobPath(digest));
    } catch (NoSuchFileException e) {
      throw notFound(digest);
    } catch (IOException e) {
      throw io("opening blob " + digest, e);
    }
  }

  @Override
  public BlobInfo info(Digest digest) {
    try {
      return new BlobInfo(digest, Files.size(blobPath(digest)));
    } catch (NoSuchFileException e) {
      throw notFound(digest);
    } catch (IOException e) {
      throw io("reading size of blob " + digest, e);
    }
  }

  @Override
  public boolean exists(Digest digest) {
    return Files.isRegularFile(blobPath(digest));
  }

  // Ingester

  @Override
  public BlobWriter writer(Digest expected, long expectedSize) {
    if (expectedSize < -1) {
      throw BerthException.invalid("invalid expected size " + expectedSize + " for "
          + (expected == null ? "blob" : expected) + ": must be -1 (unknown) or at least 0");
    }
    Path temp = null;
    try {
      temp = Files.createTempFile(ingest, "", "");
      active.add(temp);
      FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING);
      return new FileBlobWriter(this, temp, channel, expected, expectedSize);
    } catch (IOException e) {
      if (temp != null) {
        discard(temp);
      }
      throw io("starting ingest of " + (expected == null ? "blob" : expected), e);
    }
  }

  @Override
  public Digest put(InputStream in, Digest expected, long expectedSize) {
    try (BlobWriter writer = writer(expected, expectedSize)) {
      byte[] buffer = new byte[64 * 1024];
      try {
        for (int n; (n = in.read(buffer)) >= 0; ) {
          writer.write(buffer, 0, n);
        }
      } catch (IOException e) {
        throw io("reading content of " + (expected == null ? "blob" : expected)
            + " after " + writer.written() + " bytes", e);
      }
      return writer.commit();
    }
  }

  @Override
  public Digest put(byte[] content) {
    try (BlobWriter writer = writer(null, content.length)) {
      writer.write(content, 0, content.length);
      return writer.commit();
    }
  }

  // Manager

  @Override
  public List<Digest> list() {
    List<Digest> digests = new ArrayList<>();
    for (String algorithm : ALGORITHMS) {
      Path dir = blobs.resolve(algorithm);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
        for (Path file : files) {
          parse(algorithm, file.getFileName().toString()).ifPresent(digests::add);
        }
      } catch (IOException e) {
        throw io("listing " + dir, e);
      }
    }
    digests.sort(Comparator.comparing(Digest::toString));
    return digests;
  }

  @Override
  public void delete(Digest digest) {
    try {
      Files.delete(blobPath(digest));
    } catch (NoSuchFileException e) {
      throw notFound(digest);
    } catch (IOException e) {
      throw io("deleting blob " + digest, e);
    }
  }

  @Override
  public boolean verify(Digest digest) {
    MessageDigest hasher = hasher(digest.algorithm());
    try (InputStream in = open(digest)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) >= 0; ) {
        hasher.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw io("verifying blob " + digest, e);
    }
    return HexFormat.of().formatHex(hasher.digest()).equals(digest.hex());
  }

  @Override
  public GcResult gc(Set<Digest> keep, Duration ingestMaxAge) {
    List<Digest> removed = new ArrayList<>();
    long freed = 0;
    for (Digest digest : list()) {
      if (keep.contains(digest)) {
        continue;
      }
      Path path = blobPath(digest);
      try {
        long size = Files.size(path);
        if (Files.deleteIfExists(path)) {
          removed.add(digest);
          freed += size;
        }
      } catch (NoSuchFileException e) {
        // deleted by someone else meanwhile: the outcome gc wanted
      } catch (IOException e) {
        throw io("collecting blob " + digest, e);
      }
    }
    int ingests = 0;
    FileTime cutoff = FileTime.from(Instant.now().minus(ingestMaxAge));
    try (DirectoryStream<Path> files = Files.newDirectoryStream(ingest)) {
      for (Path file : files) {
        if (active.contains(file)) {
          continue;
        }
        try {
          if (Files.getLastModifiedTime(file).compareTo(cutoff) <= 0) {
            long size = Files.size(file);
            if (Files.deleteIfExists(file)) {
              ingests++;
              freed += size;
            }
          }
        } catch (NoSuchFileException e) {
          // committed or aborted meanwhile
        }
      }
    } catch (IOException e) {
      throw io("collecting stale ingests in " + ingest, e);
    }
    return new GcResult(removed, ingests, freed);
  }

  // For FileBlobWriter

  /** Moves a verified temp file into place as {@code digest}; "already present" is success. */
  void install(Path temp, Digest digest) {
    Path target = blobPath(digest);
    try {
      makeReadOnly(temp);
      Files.createDirectories(target.getParent());
      if (Files.exists(target)) {
        discard(temp);
        return;
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      syncDirectory(target.getParent());
    } catch (IOException e) {
      throw io("committing blob " + digest, e);
    }
  }

  /** Deletes an ingest file (best effort) and forgets it. */
  void discard(Path temp) {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // left for gc, which removes stale ingest files
    }
    release(temp);
  }

  void release(Path temp) {
    active.remove(temp);
  }

  static MessageDigest hasher(String algorithm) {
    String name = switch (algorithm) {
      case Digest.SHA256 -> "SHA-256";
      case Digest.SHA512 -> "SHA-512";
      default -> throw BerthException.invalid("unsupported digest algorithm \"" + algorithm + "\"");
    };
    if (algorithm.equals(Digest.SHA256)) {
      return Sha256.newDigest(); // every pulled byte goes through it: see Sha256 for why
    }
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has " + name, e);
    }
  }

  private Path blobPath(Digest digest) {
    return blobs.resolve(digest.algorithm()).resolve(digest.hex());
  }

  private static Optional<Digest> parse(String algorithm, String hex) {
    try {
      return Optional.of(new Digest(algorithm, hex));
    } catch (BerthException e) {
      return Optional.empty();
    }
  }

  private static void makeReadOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
    } catch (UnsupportedOperationException e) {
      if (!file.toFile().setReadOnly()) {
        throw new IOException("cannot make " + file + " read-only");
      }
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException ignored) {
      // not every platform can fsync a directory; the file itself is already durable
    }
  }

  private static BerthException notFound(Digest digest) {
    return BerthException.notFound("blob " + digest + " not found");
  }

  private static BerthException io(String doing, IOException e) {
    return BerthException.system(doing + ": " + e, e);
  }
}
