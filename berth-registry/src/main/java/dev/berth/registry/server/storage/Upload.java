package dev.berth.registry.server.storage;

import dev.berth.oci.image.Digest;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One blob upload session: a file under {@code uploads/<id>/} and the running SHA-256 of what it
 * holds, so a resumed upload (PATCH after PATCH) never re-reads the file. Each request begins
 * with a {@link Mark}; if it fails half-way (a dropped connection, a body over the limit), the
 * file and the hash go back to that mark, so a retry starts from a state the client knows.
 * One request at a time {@link #claim claims} the upload. The claim is a permit, not a
 * reentrant lock: requests of different connections may run on the same executor thread.
 */
public final class Upload {
  private final String id;
  private final String repository;
  private final Path dir;
  private final FileChannel data;
  private final Instant started;
  private final Semaphore claim = new Semaphore(1);
  private MessageDigest sha256;
  private long size;
  private volatile Instant touched;

  /** Where a request began: size and hash state to return to. */
  public record Mark(long size, MessageDigest sha256) {}

  Upload(String id, String repository, Path dir, FileChannel data, MessageDigest sha256,
      long size, Instant started) {
    this.id = id;
    this.repository = repository;
    this.dir = dir;
    this.data = data;
    this.sha256 = sha256;
    this.size = size;
    this.started = started;
    this.touched = Instant.now();
  }

  public String id() {
    return id;
  }

  public String repository() {
    return repository;
  }

  /** Takes the upload for one request; false if another request has it. */
  public boolean claim() {
    return claim.tryAcquire();
  }

  /** As {@link #claim()}, waiting up to {@code timeout} for the request that has it. */
  public boolean claim(Duration timeout) throws InterruptedException {
    return claim.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  public void release() {
    claim.release();
  }

  public long size() {
    return size;
  }

  public Instant started() {
    return started;
  }

  public Instant touched() {
    return touched;
  }

  Path dir() {
    return dir;
  }

  Path dataFile() {
    return dir.resolve("data");
  }

  FileChannel channel() {
    return data;
  }

  public Mark mark() {
    try {
      return new Mark(size, (MessageDigest) sha256.clone());
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("the JDK's SHA-256 is cloneable", e);
    }
  }

  /** Appends bytes at the end; the buffer is consumed. */
  public void append(ByteBuffer bytes) throws IOException {
    ByteBuffer forHash = bytes.duplicate();
    sha256.update(forHash);
    while (bytes.hasRemaining()) {
      size += data.write(bytes, size);
    }
    touched = Instant.now();
  }

  /** Back to where the failed request began. */
  public void rollback(Mark mark) throws IOException {
    data.truncate(mark.size());
    size = mark.size();
    sha256 = mark.sha256();
  }

  /** The SHA-256 of everything appended so far. */
  public Digest sha256() {
    try {
      MessageDigest copy = (MessageDigest) sha256.clone();
      return new Digest(Digest.SHA256, HexFormat.of().formatHex(copy.digest()));
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
