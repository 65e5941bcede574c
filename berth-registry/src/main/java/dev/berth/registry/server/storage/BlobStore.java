package dev.berth.registry.server.storage;

import dev.berth.error.BerthException;
import dev.berth.oci.image.Digest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Content-addressed blobs shared by every repository: {@code blobs/<alg>/<hex>}. A blob appears
 * only by an atomic rename of a verified, fsynced file. A blob's mtime is the last time someone
 * relied on it (committed, mounted, referenced by a manifest): the garbage collector keeps
 * blobs younger than its grace period, and checks the mtime again under the blob's lock before
 * deleting, so touching under that lock wins every race with a collection.
 */
public final class BlobStore {
  private final Path blobs;
  private final Path temp;
  private final ReentrantLock[] locks = new ReentrantLock[256];

  public BlobStore(Path root) {
    this.blobs = root.resolve("blobs");
    this.temp = root.resolve("uploads");
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new ReentrantLock();
    }
    try {
      Files.createDirectories(blobs.resolve(Digest.SHA256));
      Files.createDirectories(temp);
    } catch (IOException e) {
      throw BerthException.system("creating " + blobs + ": " + e.getMessage(), e);
    }
  }

  public Path path(Digest digest) {
    return blobs.resolve(digest.algorithm()).resolve(digest.hex());
  }

  /** The blob's size, or -1 when it is not stored. */
  public long size(Digest digest) {
    try {
      return Files.size(path(digest));
    } catch (NoSuchFileException e) {
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean exists(Digest digest) {
    return Files.exists(path(digest));
  }

  /**
   * Moves a verified, fsynced file into place. When the blob is there already (dedupe) the file
   * is dropped and the blob touched instead.
   */
  public void commit(Path verified, Digest digest) throws IOException {
    Path target = path(digest);
    Files.createDirectories(target.getParent());
    ReentrantLock lock = lock(digest);
    lock.lock();
    try {
      if (Files.exists(target)) {
        Files.delete(verified);
        Files.setLastModifiedTime(target, FileTime.from(Instant.now()));
        return;
      }
      try {
        Files.move(verified, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("uploads and blobs must be on one filesystem", e);
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stores small content (a manifest) through a temporary file, fsync and rename. */
  public void put(byte[] content, Digest digest) throws IOException {
    if (exists(digest) && touch(digest)) {
      return;
    }
    Path tmp = temp.resolve(".tmp-" + UUID.randomUUID());
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(false);
    }
    commit(tmp, digest);
  }

  /** Marks the blob as just used; false if it is gone. */
  public boolean touch(Digest digest) {
    ReentrantLock lock = lock(digest);
    lock.lock();
    try {
      Files.setLastModifiedTime(path(digest), FileTime.from(Instant.now()));
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      lock.unlock();
    }
  }

  /** Deletes the blob if it was not used since {@code cutoff}; the check and delete are one step. */
  public boolean deleteIfUnusedSince(Digest digest, Instant cutoff) throws IOException {
    ReentrantLock lock = lock(digest);
    lock.lock();
    try {
      Path p = path(digest);
      if (!Files.exists(p) || !Files.getLastModifiedTime(p).toInstant().isBefore(cutoff)) {
        return false;
      }
      Files.delete(p);
      return true;
    } finally {
      lock.unlock();
    }
  }

  public Instant lastUsed(Digest digest) throws IOException {
    return Files.getLastModifiedTime(path(digest)).toInstant();
  }

  /** Every stored blob. */
  public List<Digest> all() throws IOException {
    List<Digest> out = new ArrayList<>();
    for (String algorithm : List.of(Digest.SHA256, Digest.SHA512)) {
      Path dir = blobs.resolve(algorithm);
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (var entries = Files.list(dir)) {
        for (Path p : (Iterable<Path>) entries::iterator) {
          try {
            out.add(new Digest(algorithm, p.getFileName().toString()));
          } catch (BerthException ignored) {
            // not a blob (a stray file someone left): not ours to judge
          }
        }
      }
    }
    return out;
  }

  private ReentrantLock lock(Digest digest) {
    return locks[Integer.parseInt(digest.hex().substring(0, 2), 16)];
  }

  static void write(Path target, byte[] content, Path tempDir) throws IOException {
    Path tmp = tempDir.resolve(".tmp-" + UUID.randomUUID());
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        ch.write(buffer);
      }
      ch.force(false);
    }
    Files.createDirectories(target.getParent());
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  static void createEmpty(Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try {
      Files.createFile(target);
    } catch (FileAlreadyExistsException ignored) {
      // already linked: linking is idempotent
    }
  }
}
