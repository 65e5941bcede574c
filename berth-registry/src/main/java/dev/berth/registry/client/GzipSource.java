package dev.berth.registry.client;

import dev.berth.oci.image.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/**
 * A plain layer read as gzip, compressed as it is read (at most one input chunk's output held),
 * with the sha256 and length of the compressed bytes counted on the way out: what a push needs
 * to name a blob it streams. Java's gzip writes no time stamp, so the same layer always gives the
 * same blob.
 */
final class GzipSource extends InputStream {
  private static final int CHUNK = 128 * 1024;
  private final InputStream plain;
  private final Buffer out = new Buffer();
  private final GZIPOutputStream gzip;
  private final MessageDigest sha256;
  private final byte[] chunk = new byte[CHUNK];
  private long size;
  private int pos;
  private boolean finished;

  /** Exposes the written bytes without copying them. */
  private static final class Buffer extends ByteArrayOutputStream {
    byte[] bytes() {
      return buf;
    }
  }

  GzipSource(InputStream plain) throws IOException {
    this.plain = plain;
    this.gzip = new GZIPOutputStream(out, CHUNK);
    this.sha256 = dev.berth.sys.Sha256.newDigest(); // berthd's C1 hashes 12x slower itself
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (pos == out.size()) {
      if (finished) {
        return -1;
      }
      out.reset();
      pos = 0;
      int n = plain.read(chunk);
      if (n < 0) {
        gzip.finish();
        finished = true;
      } else {
        gzip.write(chunk, 0, n);
      }
    }
    int n = Math.min(len, out.size() - pos);
    System.arraycopy(out.bytes(), pos, b, off, n);
    sha256.update(b, off, n);
    pos += n;
    size += n;
    return n;
  }

  /** The digest of the compressed bytes; only once they have all been read. */
  Digest digest() {
    if (!finished || pos < out.size()) {
      throw new IllegalStateException("the compressed layer has not been read to its end");
    }
    return new Digest(Digest.SHA256, HexFormat.of().formatHex(sha256.digest()));
  }

  /** The compressed length read so far; the blob's size once {@link #digest} may be called. */
  long size() {
    return size;
  }

  @Override
  public void close() throws IOException {
    try {
      plain.close();
    } finally {
      gzip.close(); // frees the deflater's native memory
    }
  }
}
