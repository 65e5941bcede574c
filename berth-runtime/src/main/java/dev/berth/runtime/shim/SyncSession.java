package dev.berth.runtime.shim;

import dev.berth.runtime.plan.PlanEncoding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The caller's end of the sync socket: lines of percent-encoded words (native/PLAN.md). */
public final class SyncSession implements AutoCloseable {
  private final SocketChannel channel;
  private final BufferedReader in;

  SyncSession(SocketChannel channel) {
    this.channel = channel;
    this.in = new BufferedReader(new InputStreamReader(Channels.newInputStream(channel), StandardCharsets.UTF_8));
  }

  /** The next message's words, or an empty list when the monitor closed the socket. */
  public List<String> receive() throws IOException {
    String line = in.readLine();
    return line == null ? List.of() : PlanEncoding.split(line);
  }

  public void send(String keyword, String... fields) throws IOException {
    String line = PlanEncoding.line(keyword, List.of(fields)) + "\n";
    ByteBuffer buf = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
    while (buf.hasRemaining()) channel.write(buf);
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // closing a socket the monitor may have closed first
    }
  }
}
