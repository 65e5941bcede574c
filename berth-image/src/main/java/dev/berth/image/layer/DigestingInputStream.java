package dev.berth.image.layer;

import dev.berth.oci.image.Digest;
import dev.berth.sys.Sha256;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/** Hashes (sha256) and counts every byte read through it: the diff_id of an uncompressed tar. */
final class DigestingInputStream extends FilterInputStream {
  private final MessageDigest sha256;
  private long count;

  DigestingInputStream(InputStream in) {
    super(in);
    sha256 = Sha256.newDigest();
  }

  @Override
  public int read() throws IOException {
    int b = in.read();
    if (b >= 0) {
      sha256.update((byte) b);
      count++;
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = in.read(buffer, offset, length);
    if (n > 0) {
      sha256.update(buffer, offset, n);
      count += n;
    }
    return n;
  }

  /** skip must hash what it skips, so it reads instead. */
  @Override
  public long skip(long n) throws IOException {
    byte[] buffer = new byte[(int) Math.min(8192, Math.max(n, 1))];
    long skipped = 0;
    while (skipped < n) {
      int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
      if (r < 0) {
        break;
      }
      skipped += r;
    }
    return skipped;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads what the tar reader left (end-of-archive blocks, record padding) so it is hashed too. */
  void drain() throws IOException {
    byte[] buffer = new byte[64 * 1024];
    while (read(buffer, 0, buffer.length) >= 0) {
      // hashing happens in read
    }
  }

  long count() {
    return count;
  }

  Digest digest() {
    return new Digest(Digest.SHA256, HexFormat.of().formatHex(sha256.digest()));
  }
}
