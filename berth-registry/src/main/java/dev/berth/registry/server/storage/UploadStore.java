package dev.berth.registry.server.storage;

import dev.berth.error.BerthException;
import dev.berth.oci.image.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Upload sessions under {@code uploads/<uuid>/}: {@code data} (the bytes so far) and
 * {@code repository} (whose session it is). Sessions live in memory while the server runs; after
 * a restart a session is picked up from disk and its hash recomputed once. Completing an upload
 * verifies the digest, fsyncs and renames the data into the {@link BlobStore}: until then no
 * byte of it is visible as a blob.
 */
public final class UploadStore {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private final Path uploads;
  private final BlobStore blobs;
  private final ConcurrentHashMap<String, Upload> live = new ConcurrentHashMap<>();

  public UploadStore(Path root, BlobStore blobs) {
    this.uploads = root.resolve("uploads");
    this.blobs = blobs;
    try {
      Files.createDirectories(uploads);
    } catch (IOException e) {
      throw BerthException.system("creating " + uploads + ": " + e.getMessage(), e);
    }
  }

  public Upload create(String repository) throws IOException {
    String id = UUID.randomUUID().toString();
    Path dir = uploads.resolve(id);
    Files.createDirectory(dir);
    Files.writeString(dir.resolve("repository"), repository);
    FileChannel data = FileChannel.open(dir.resolve("data"), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.READ, StandardOpenOption.WRITE);
    Upload upload = new Upload(id, repository, dir, data, Upload.newSha256(), 0, Instant.now());
    live.put(id, upload);
    return upload;
  }

  /** The session {@code id} of {@code repository}, from memory or (after a restart) from disk. */
  public Optional<Upload> find(String repository, String id) throws IOException {
    if (!ID.matcher(id).matches()) {
      return Optional.empty();
    }
    Upload upload = live.get(id);
    if (upload == null) {
      upload = reopen(id);
    }
    return upload != null && upload.repository().equals(repository) ? Optional.of(upload)
        : Optional.empty();
  }

  /**
   * Verifies, fsyncs and moves the upload into the blob store; the session ends either way.
   *
   * @return false when the bytes do not match {@code expected} (nothing was stored)
   */
  public boolean complete(Upload upload, Digest expected) throws IOException {
    try {
      Digest actual = expected.algorithm().equals(Digest.SHA256) ? upload.sha256()
          : rehash(upload.dataFile(), expected.algorithm());
      if (!actual.equals(expected)) {
        return false;
      }
      upload.channel().force(false);
      upload.channel().close();
      blobs.commit(upload.dataFile(), expected);
      return true;
    } finally {
      discard(upload);
    }
  }

  public void cancel(Upload upload) throws IOException {
    discard(upload);
  }

  /** Ends sessions nobody touched since {@code cutoff}; returns their ids. */
  public List<String> purge(Instant cutoff) throws IOException {
    List<String> purged = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(uploads)) {
      for (Path dir : dirs.toList()) {
        String id = dir.getFileName().toString();
        Upload upload = live.get(id);
        if (upload != null) {
          if (upload.touched().isBefore(cutoff) && upload.claim()) {
            try {
              discard(upload);
              purged.add(id);
            } finally {
              upload.release();
            }
          }
        } else if (lastWrite(dir).isBefore(cutoff)) {
          deleteTree(dir);
          purged.add(id);
        }
      }
    } catch (NoSuchFileException ignored) {
      // raced with a completion
    }
    return purged;
  }

  private synchronized Upload reopen(String id) throws IOException {
    Upload known = live.get(id);
    if (known != null) {
      return known;
    }
    Path dir = uploads.resolve(id);
    if (!Files.isRegularFile(dir.resolve("data"))) {
      return null;
    }
    String repository = Files.readString(dir.resolve("repository"), StandardCharsets.UTF_8);
    MessageDigest sha256 = Upload.newSha256();
    long size = 0;
    try (InputStream in = Files.newInputStream(dir.resolve("data"))) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; size += n) {
        sha256.update(buffer, 0, n);
      }
    }
    FileChannel data = FileChannel.open(dir.resolve("data"), StandardOpenOption.READ,
        StandardOpenOption.WRITE);
    Instant started = Files.getLastModifiedTime(dir.resolve("repository")).toInstant();
    Upload upload = new Upload(id, repository, dir, data, sha256, size, started);
    live.put(id, upload);
    return upload;
  }

  /** A session left by an earlier run: its data file's mtime, else the entry's own. */
  private static Instant lastWrite(Path entry) throws IOException {
    try {
      return Files.getLastModifiedTime(entry.resolve("data")).toInstant();
    } catch (IOException e) {
      return Files.getLastModifiedTime(entry).toInstant();
    }
  }

  private void discard(Upload upload) throws IOException {
    live.remove(upload.id());
    if (upload.channel().isOpen()) {
      upload.channel().close();
    }
    deleteTree(upload.dir());
  }

  private static Digest rehash(Path file, String algorithm) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(algorithm.equals(Digest.SHA512) ? "SHA-512" : "SHA-256");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
      while (ch.read(buffer) > 0) {
        md.update(buffer.flip());
        buffer.clear();
      }
    }
    return new Digest(algorithm, java.util.HexFormat.of().formatHex(md.digest()));
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
