package dev.berth.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A unix-socket proxy in front of berthd that records every byte clients send, so a test can
 * compare what berth and the docker CLI put on the wire.
 */
public final class RecordingProxy implements AutoCloseable {
  private final ServerSocketChannel server;
  private final Path socket;
  private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

  public RecordingProxy(Path socket, Path target) throws IOException {
    this.socket = socket;
    Files.deleteIfExists(socket);
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socket));
    Thread.ofVirtual().start(() -> {
      try {
        while (true) {
          SocketChannel client = server.accept();
          SocketChannel up = SocketChannel.open(UnixDomainSocketAddress.of(target));
          Thread.ofVirtual().start(() -> pump(client, up, true));
          Thread.ofVirtual().start(() -> pump(up, client, false));
        }
      } catch (IOException closed) {
        // the proxy was closed
      }
    });
  }

  private void pump(SocketChannel from, SocketChannel to, boolean record) {
    ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
    try (from) {
      while (from.read(buf) >= 0) {
        buf.flip();
        if (record) {
          synchronized (seen) {
            seen.write(buf.array(), 0, buf.limit());
          }
        }
        while (buf.hasRemaining()) {
          to.write(buf);
        }
        buf.clear();
      }
      to.shutdownOutput();
    } catch (IOException e) {
      // either side went away
    }
  }

  public String host() {
    return "unix://" + socket;
  }

  /** Everything clients sent so far, as ISO-8859-1 text. */
  public String recorded() {
    synchronized (seen) {
      return seen.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    }
  }

  public void clear() {
    synchronized (seen) {
      seen.reset();
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(socket);
  }
}
