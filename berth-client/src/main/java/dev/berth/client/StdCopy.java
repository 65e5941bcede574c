package dev.berth.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Docker's multiplexed stream: frames of an 8-byte header {@code [type,0,0,0,size(BE32)]} and
 * {@code size} bytes. Type 0 and 1 go to stdout, 2 to stderr, 3 is an error from the daemon.
 */
public final class StdCopy {
  private StdCopy() {}

  /** Thrown for a type-3 frame: the daemon's error inside the stream. */
  public static final class StreamError extends IOException {
    public StreamError(String message) {
      super("error from daemon in stream: " + message);
    }
  }

  /** Copies frames until EOF, flushing after each so interactive output shows at once. */
  public static void demux(InputStream in, OutputStream stdout, OutputStream stderr)
      throws IOException {
    byte[] header = new byte[8];
    byte[] buf = new byte[32 * 1024];
    while (true) {
      int got = in.readNBytes(header, 0, 8);
      if (got == 0) {
        return;
      }
      if (got < 8) {
        throw new EOFException("truncated stream frame header");
      }
      int type = header[0];
      long size = ((header[4] & 0xffL) << 24) | ((header[5] & 0xff) << 16)
          | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
      OutputStream target = switch (type) {
        case 0, 1 -> stdout;
        case 2 -> stderr;
        case 3 -> null;
        default -> throw new IOException("Unrecognized input header: " + type);
      };
      if (target == null) {
        byte[] msg = in.readNBytes((int) size);
        throw new StreamError(new String(msg, StandardCharsets.UTF_8));
      }
      while (size > 0) {
        int n = in.read(buf, 0, (int) Math.min(buf.length, size));
        if (n < 0) {
          throw new EOFException("truncated stream frame");
        }
        target.write(buf, 0, n);
        size -= n;
      }
      target.flush();
    }
  }
}
