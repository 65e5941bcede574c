package dev.berth.image.content;

import dev.berth.error.BerthException;
import dev.berth.oci.image.Digest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Writes one ingest temp file of a {@link FileContentStore}, hashing as it goes. */
final class FileBlobWriter extends BlobWriter {
  private enum State { OPEN, COMMITTED, ABORTED }

  private final FileContentStore store;
  private final Path temp;
  private final FileChannel channel;
  private final OutputStream out;
  private final String algorithm;
  private final MessageDigest hasher;
  private final Digest expected;
  private final long expectedSize;
  private long written;
  private State state = State.OPEN;

  FileBlobWriter(FileContentStore store, Path temp, FileChannel channel, Digest expected,
      long expectedSize) {
    this.store = store;
    this.temp = temp;
    this.channel = channel;
    this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    this.algorithm = expected == null ? Digest.SHA256 : expected.algorithm();
    this.hasher = FileContentStore.hasher(algorithm);
    this.expected = expected;
    this.expectedSize = expectedSize;
  }

  @Override
  public long written() {
    return written;
  }

  @Override
  public void write(int b) {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) {
    ensureOpen();
    if (expectedSize >= 0 && written + len > expectedSize) {
      abort();
      throw BerthException.invalid("size mismatch for " + name() + ": expected " + expectedSize
          + " bytes, got more than " + expectedSize);
    }
    try {
      out.write(b, off, len);
    } catch (IOException e) {
      abort();
      throw BerthException.system("writing " + name() + " to " + temp + ": " + e.getMessage(), e);
    }
    hasher.update(b, off, len);
    written += len;
  }

  @Override
  public void flush() {
    ensureOpen();
    try {
      out.flush();
    } catch (IOException e) {
      abort();
      throw BerthException.system("writing " + name() + " to " + temp + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Digest commit() {
    ensureOpen();
    try {
      out.flush();
      channel.force(true);
      channel.close();
    } catch (IOException e) {
      abort();
      throw BerthException.system("syncing " + name() + " in " + temp + ": " + e.getMessage(), e);
    }
    Digest actual = new Digest(algorithm, HexFormat.of().formatHex(hasher.digest()));
    if (expectedSize >= 0 && written != expectedSize) {
      abort();
      throw BerthException.invalid("size mismatch for " + name() + ": expected " + expectedSize
          + " bytes, got " + written);
    }
    if (expected != null && !expected.equals(actual)) {
      abort();
      throw BerthException.invalid("digest mismatch: expected " + expected + ", got " + actual
          + " (" + written + " bytes)");
    }
    try {
      store.install(temp, actual);
    } catch (RuntimeException e) {
      abort();
      throw e;
    }
    state = State.COMMITTED;
    store.release(temp);
    return actual;
  }

  @Override
  public void abort() {
    if (state != State.OPEN) {
      return;
    }
    state = State.ABORTED;
    try {
      channel.close();
    } catch (IOException ignored) {
      // the file is deleted next; nothing was promised about its contents
    }
    store.discard(temp);
  }

  private void ensureOpen() {
    if (state != State.OPEN) {
      throw BerthException.precondition("writer for " + name() + " is already "
          + state.name().toLowerCase());
    }
  }

  private String name() {
    return expected == null ? "blob" : expected.toString();
  }
}
