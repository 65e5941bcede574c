package dev.berth.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** HTTP/1.1 framing: the request head and body, the response head, and body delimiting. */
final class HttpWire {
  private HttpWire() {}

  /** What came before the body: status and headers with lower-case names. */
  record Head(int status, String reason, Map<String, String> headers) {}

  static void writeRequest(OutputStream out, String method, String target, String host,
      Map<String, String> headers, byte[] body, InputStream stream) throws IOException {
    var sb = new StringBuilder();
    sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    sb.append("Host: ").append(host).append("\r\n");
    sb.append("User-Agent: Berth-Client/0.1.0\r\n");
    for (var h : headers.entrySet()) {
      sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    if (stream != null) {
      sb.append("Transfer-Encoding: chunked\r\n");
    } else if (body != null) {
      sb.append("Content-Length: ").append(body.length).append("\r\n");
    } else if (!method.equals("GET") && !method.equals("HEAD")) {
      sb.append("Content-Length: 0\r\n");
    }
    sb.append("\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    if (body != null) {
      out.write(body);
    }
    if (stream != null) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = stream.read(buf)) >= 0; ) {
        if (n == 0) {
          continue;
        }
        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(buf, 0, n);
        out.write(CRLF);
      }
      out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    out.flush();
  }

  private static final byte[] CRLF = {'\r', '\n'};

  static Head readHead(InputStream in) throws IOException {
    String status = line(in);
    while (status.isEmpty()) {
      status = line(in);
    }
    String[] parts = status.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
      throw new IOException("malformed HTTP status line: " + status);
    }
    int code = Integer.parseInt(parts[1]);
    Map<String, String> headers = new HashMap<>();
    for (String l; !(l = line(in)).isEmpty(); ) {
      int c = l.indexOf(':');
      if (c > 0) {
        headers.put(l.substring(0, c).trim().toLowerCase(java.util.Locale.ROOT),
            l.substring(c + 1).trim());
      }
    }
    return new Head(code, parts.length > 2 ? parts[2] : "", headers);
  }

  /** The body as its framing delimits it; a HEAD, 1xx, 204 or 304 response has none. */
  static InputStream body(InputStream in, Head head, String method) {
    int s = head.status();
    if (method.equals("HEAD") || s == 204 || s == 304 || (s >= 100 && s < 200)) {
      return InputStream.nullInputStream();
    }
    if ("chunked".equalsIgnoreCase(head.headers().get("transfer-encoding"))) {
      return new Chunked(in);
    }
    String len = head.headers().get("content-length");
    if (len != null) {
      return new Bounded(in, Long.parseLong(len));
    }
    return in;
  }

  static String line(InputStream in) throws IOException {
    var b = new ByteArrayOutputStream(64);
    for (int c; (c = in.read()) != '\n'; ) {
      if (c < 0) {
        if (b.size() == 0) {
          throw new EOFException("the daemon closed the connection");
        }
        break;
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.ISO_8859_1);
  }

  /** Content-Length framing. */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long left;

    Bounded(InputStream in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the daemon closed the connection mid-body");
      }
      left -= n;
      return n;
    }
  }

  /** Transfer-Encoding: chunked; returns bytes as soon as a chunk has some. */
  private static final class Chunked extends InputStream {
    private final InputStream in;
    private long left;
    private boolean done;

    Chunked(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (done) {
        return -1;
      }
      if (left == 0) {
        String size = line(in);
        int semi = size.indexOf(';');
        left = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
        if (left == 0) {
          while (!line(in).isEmpty()) {
            // trailers: none that matter
          }
          done = true;
          return -1;
        }
      }
      int n = in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the daemon closed the connection mid-chunk");
      }
      left -= n;
      if (left == 0) {
        line(in);
      }
      return n;
    }

    @Override
    public int available() throws IOException {
      return done ? 0 : (int) Math.min(left, in.available());
    }
  }
}
