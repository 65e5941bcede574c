package dev.berth.api.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A handler thread's output to the client: HTTP chunks of a streamed response, or raw bytes of a
 * hijacked connection. Buffers up to {@link #BUFFER} bytes; waits while the channel is not
 * writable, so a slow client slows the handler rather than filling memory.
 */
final class ChannelOutput extends OutputStream {
  static final int BUFFER = 64 << 10;

  private final Channel channel;
  private final boolean chunked;
  private final Object writability;
  private ByteBuf buffer;
  private ChannelFuture last;
  private boolean closed;

  ChannelOutput(Channel channel, boolean chunked, Object writability) {
    this.channel = channel;
    this.chunked = chunked;
    this.writability = writability;
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("stream closed");
    }
    while (len > 0) {
      if (buffer == null) {
        buffer = channel.alloc().buffer(BUFFER);
      }
      int n = Math.min(len, buffer.writableBytes());
      buffer.writeBytes(b, off, n);
      off += n;
      len -= n;
      if (!buffer.isWritable()) {
        send(false);
      }
    }
  }

  @Override
  public synchronized void flush() throws IOException {
    if (!closed) {
      send(true);
    }
  }

  /** Flushes, ends a chunked body, and waits until the last byte has gone to the socket. */
  @Override
  public synchronized void close() throws IOException {
    if (closed) {
      return;
    }
    send(true);
    closed = true;
    if (chunked) {
      last = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }
    if (last != null) {
      last.awaitUninterruptibly();
      if (!last.isSuccess()) {
        throw new IOException("writing to the client: " + last.cause(), last.cause());
      }
    }
  }

  /** Releases the buffer without sending it (the connection is being dropped). */
  synchronized void abandon() {
    closed = true;
    if (buffer != null) {
      buffer.release();
      buffer = null;
    }
  }

  private void send(boolean flush) throws IOException {
    if (!channel.isActive()) {
      abandon();
      throw new IOException("the client closed the connection");
    }
    if (buffer != null && buffer.isReadable()) {
      Object msg = chunked ? new DefaultHttpContent(buffer) : buffer;
      buffer = null;
      last = flush ? channel.writeAndFlush(msg) : channel.write(msg);
      if (!flush && !channel.isWritable()) {
        channel.flush();
      }
    } else if (flush) {
      channel.flush();
    }
    awaitWritable();
  }

  private void awaitWritable() throws IOException {
    synchronized (writability) {
      while (!channel.isWritable() && channel.isActive()) {
        try {
          writability.wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted writing to the client");
        }
      }
    }
    if (!channel.isActive()) {
      throw new IOException("the client closed the connection");
    }
  }
}
