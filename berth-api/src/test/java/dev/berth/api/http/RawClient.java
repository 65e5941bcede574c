package dev.berth.api.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** A hand-written HTTP client over a unix socket: java.net.http cannot dial one. */
final class RawClient implements AutoCloseable {
  final SocketChannel channel;
  final InputStream in;
  final OutputStream out;

  RawClient(Path socket) throws IOException {
    channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(socket));
    in = Channels.newInputStream(channel);
    out = Channels.newOutputStream(channel);
  }

  void send(String text) throws IOException {
    out.write(text.getBytes(ISO_8859_1));
    out.flush();
  }

  /** Everything until the server closes the connection. */
  String readAll() throws IOException {
    return new String(in.readAllBytes(), ISO_8859_1);
  }

  /** One response's head, up to the blank line. */
  String readHead() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int c = in.read();
      if (c < 0) {
        break;
      }
      b.write(c);
      matched = c == end[matched] ? matched + 1 : (c == '\r' ? 1 : 0);
    }
    return b.toString(ISO_8859_1);
  }

  /** Bytes until {@code suffix} has been read (the last chunk of a chunked body). */
  String readUntil(String suffix) throws IOException {
    StringBuilder b = new StringBuilder();
    while (!b.toString().endsWith(suffix)) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed after " + b);
      }
      b.append((char) c);
    }
    return b.toString();
  }

  /** The body of a response whose head said Content-Length. */
  String readBody(String head) throws IOException {
    var m = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(head);
    if (!m.find()) {
      throw new IOException("no content-length in " + head);
    }
    return new String(in.readNBytes(Integer.parseInt(m.group(1))), ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
