package dev.berth.image.layer;

import dev.berth.oci.image.Digest;
import dev.berth.sys.Sha256;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Hashes (sha256) and counts every byte written through it. {@link #close()} flushes but closes
 * the underlying stream only when asked to (the caller's stream is the caller's).
 */
final class DigestingOutputStream extends FilterOutputStream {
  private final MessageDigest sha256;
  private final boolean closeUnderlying;
  private long count;

  DigestingOutputStream(OutputStream out, boolean closeUnderlying) {
    super(out);
    this.closeUnderlying = closeUnderlying;
    sha256 = Sha256.newDigest();
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    sha256.update((byte) b);
    count++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    sha256.update(b, off, len);
    count += len;
  }

  @Override
  public void close() throws IOException {
    if (closeUnderlying) {
      out.close();
    } else {
      out.flush();
    }
  }

  long count() {
    return count;
  }

  Digest digest() {
    return new Digest(Digest.SHA256, HexFormat.of().formatHex(sha256.digest()));
  }
}
