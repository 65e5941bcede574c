package dev.berth.api.http;

import io.netty.channel.Channel;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * A connection a handler took over (attach, exec start): raw bytes both ways. {@link #input()}
 * ends (-1) when the client half-closes or goes away; output keeps working after a half-close.
 * Closing flushes and closes the connection, which is how the client learns the session ended.
 */
public final class Hijacked implements Closeable {
  private final Channel channel;
  private final InputStream input;
  private final ChannelOutput output;
  private final boolean upgraded;
  private boolean closed;

  Hijacked(Channel channel, InputStream input, ChannelOutput output, boolean upgraded) {
    this.channel = channel;
    this.input = input;
    this.output = output;
    this.upgraded = upgraded;
  }

  /** The client's bytes, starting with any it sent right after the request. */
  public InputStream input() {
    return input;
  }

  /** To the client; each {@code flush()} sends what was written. */
  public OutputStream output() {
    return output;
  }

  /** True when the reply was {@code 101 UPGRADED}, false for {@code 200 OK}. */
  public boolean upgraded() {
    return upgraded;
  }

  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      output.close();
    } finally {
      input.close();
      channel.close().awaitUninterruptibly();
    }
  }
}
