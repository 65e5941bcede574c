package dev.berth.image.content;

import dev.berth.oci.image.Digest;
import java.io.OutputStream;

/**
 * One blob being ingested: an {@link OutputStream} that hashes as it writes into a private temp
 * file. End it with exactly one {@link #commit()} or {@link #abort()}; {@link #close()} without a
 * commit aborts. Unlike a plain {@code OutputStream} it throws no checked exceptions: failures
 * are {@link dev.berth.error.BerthException}s, and a failed write has already aborted. Not safe
 * for use by several threads at once.
 */
public abstract sealed class BlobWriter extends OutputStream permits FileBlobWriter {

  BlobWriter() {}

  /** Writes and hashes {@code len} bytes; failures are {@link dev.berth.error.BerthException}s. */
  @Override
  public abstract void write(byte[] b, int off, int len);

  @Override
  public abstract void write(int b);

  @Override
  public void write(byte[] b) {
    write(b, 0, b.length);
  }

  @Override
  public abstract void flush();

  /** Bytes written so far. */
  public abstract long written();

  /**
   * Verifies the size and digest against what the writer was opened with, makes the content
   * durable and moves it into place. Returns the blob's digest. A blob already present is a
   * success. On mismatch ({@code INVALID_ARGUMENT} naming expected and actual) or I/O failure the
   * temp file is deleted and the store is unchanged.
   */
  public abstract Digest commit();

  /** Discards everything written and deletes the temp file. Idempotent; no-op after commit. */
  public abstract void abort();

  /** Aborts unless committed. */
  @Override
  public void close() {
    abort();
  }
}
