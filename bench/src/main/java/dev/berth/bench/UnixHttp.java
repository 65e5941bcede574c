package dev.berth.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A minimal HTTP/1.1 client over a unix socket, one request per connection, enough to time the
 * Docker API without a CLI in the way: status and body (Content-Length or chunked).
 */
final class UnixHttp {
  record Reply(int status, String body) {}

  private UnixHttp() {}

  static Reply call(Path socket, String method, String path, String json) throws IOException {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      ch.connect(UnixDomainSocketAddress.of(socket));
      byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
      String head = method + " " + path + " HTTP/1.1\r\nHost: api\r\nConnection: close\r\n"
          + (json == null ? "" : "Content-Type: application/json\r\n")
          + "Content-Length: " + body.length + "\r\n\r\n";
      var out = Channels.newOutputStream(ch);
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = Channels.newInputStream(ch);
      String status = line(in);
      int code = Integer.parseInt(status.split(" ")[1]);
      long length = -1;
      boolean chunked = false;
      for (String h = line(in); !h.isEmpty(); h = line(in)) {
        String lower = h.toLowerCase();
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(h.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        }
      }
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      if (chunked) {
        for (int n = Integer.parseInt(line(in).trim(), 16); n > 0;
            n = Integer.parseInt(line(in).trim(), 16)) {
          b.write(in.readNBytes(n));
          line(in);
        }
      } else if (length > 0) {
        b.write(in.readNBytes((int) length));
      } else if (length < 0 && code != 204 && code != 304) {
        b.write(in.readAllBytes());
      }
      return new Reply(code, b.toString(StandardCharsets.UTF_8));
    }
  }

  private static String line(InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
      if (c != '\r') {
        s.append((char) c);
      }
    }
    return s.toString();
  }
}
