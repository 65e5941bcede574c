package dev.berth.api.container;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Docker's stream multiplexing for containers without a terminal (docker-api.md §3.1): each
 * chunk is an 8-byte header (stream, three zeros, big-endian length) and the bytes. With a
 * terminal the bytes go raw.
 */
final class StdCopy {
  private StdCopy() {}

  static void write(OutputStream out, boolean framed, int stream, byte[] data) throws IOException {
    if (framed) {
      int n = data.length;
      out.write(new byte[] {(byte) stream, 0, 0, 0, (byte) (n >>> 24), (byte) (n >>> 16),
          (byte) (n >>> 8), (byte) n});
    }
    out.write(data);
    out.flush();
  }
}
