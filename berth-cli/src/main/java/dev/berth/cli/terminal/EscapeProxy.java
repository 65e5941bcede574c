package dev.berth.cli.terminal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Passes bytes through until the detach sequence is typed: bytes that start the sequence are
 * held back, released if the sequence breaks off, and swallowed if it completes, in which case
 * {@link DetachedException} ends the read.
 */
public final class EscapeProxy extends InputStream {
  /** The user typed the detach keys. */
  public static final class DetachedException extends IOException {
    public DetachedException() {
      super("read escape sequence");
    }
  }

  private final InputStream in;
  private final byte[] keys;
  private int matched;
  private byte[] pending = new byte[0];
  private int pendingAt;

  public EscapeProxy(InputStream in, byte[] keys) {
    this.in = in;
    this.keys = keys;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n;
    while ((n = read(one, 0, 1)) == 0) {
      // keep reading until a byte passes or the stream ends
    }
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (pendingAt < pending.length) {
      int n = Math.min(len, pending.length - pendingAt);
      System.arraycopy(pending, pendingAt, b, off, n);
      pendingAt += n;
      return n;
    }
    byte[] buf = new byte[Math.max(1, len)];
    int n = in.read(buf, 0, len);
    if (n <= 0) {
      return n;
    }
    var out = new java.io.ByteArrayOutputStream(n + keys.length);
    for (int i = 0; i < n; i++) {
      if (keys.length > 0 && buf[i] == keys[matched]) {
        matched++;
        if (matched == keys.length) {
          throw new DetachedException();
        }
        continue;
      }
      if (matched > 0) {
        out.write(keys, 0, matched);
        matched = 0;
        if (buf[i] == keys[0]) {
          matched = 1;
          continue;
        }
      }
      out.write(buf[i]);
    }
    byte[] data = out.toByteArray();
    int k = Math.min(len, data.length);
    System.arraycopy(data, 0, b, off, k);
    pending = data;
    pendingAt = k;
    return k;
  }
}
