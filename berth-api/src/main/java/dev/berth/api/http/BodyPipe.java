package dev.berth.api.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;

/**
 * Bytes from the event loop to a handler thread, bounded: when more than {@link #HIGH} bytes wait
 * the channel stops reading, and reads again once the handler has taken them down to {@link
 * #LOW}. Request bodies ({@code docker load} of gigabytes) and hijacked input go through one of
 * these, never through memory whole.
 */
final class BodyPipe extends InputStream {
  static final int HIGH = 1 << 20;
  static final int LOW = 256 << 10;

  private final Channel channel;
  private final ArrayDeque<ByteBuf> queue = new ArrayDeque<>();
  private long queued;
  private boolean ended;
  private boolean paused;
  private boolean closed;
  private IOException failure;

  BodyPipe(Channel channel) {
    this.channel = channel;
  }

  /** Event loop: adds {@code buf} (taking ownership); returns false when reading should pause. */
  synchronized boolean offer(ByteBuf buf) {
    if (closed || ended) {
      buf.release();
      return true;
    }
    if (!buf.isReadable()) {
      buf.release();
      return !paused;
    }
    queue.add(buf);
    queued += buf.readableBytes();
    notifyAll();
    if (queued > HIGH) {
      paused = true;
    }
    return !paused;
  }

  /** Event loop: no more bytes will come. */
  synchronized void end() {
    ended = true;
    notifyAll();
  }

  /** Event loop: the connection broke before the end; readers get an IOException. */
  synchronized void fail(String why) {
    if (!ended) {
      failure = new IOException(why);
      ended = true;
    }
    notifyAll();
  }

  /** True once the end was seen and every byte taken. */
  synchronized boolean drained() {
    return ended && queue.isEmpty();
  }

  synchronized boolean ended() {
    return ended;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    boolean resume = false;
    int n;
    synchronized (this) {
      while (queue.isEmpty() && !ended && !closed) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new java.io.InterruptedIOException("interrupted reading the request body");
        }
      }
      if (closed) {
        throw new IOException("stream closed");
      }
      if (queue.isEmpty()) {
        if (failure != null) {
          throw failure;
        }
        return -1;
      }
      ByteBuf head = queue.peek();
      n = Math.min(len, head.readableBytes());
      head.readBytes(b, off, n);
      queued -= n;
      if (!head.isReadable()) {
        queue.poll().release();
      }
      if (paused && queued < LOW && !ended) {
        paused = false;
        resume = true;
      }
    }
    if (resume) {
      channel.eventLoop().execute(() -> channel.config().setAutoRead(true));
    }
    return n;
  }

  @Override
  public synchronized int available() {
    return (int) Math.min(Integer.MAX_VALUE, queued);
  }

  /** Drops what is queued and whatever comes later. */
  @Override
  public synchronized void close() {
    closed = true;
    for (ByteBuf b; (b = queue.poll()) != null; ) {
      b.release();
    }
    queued = 0;
    notifyAll();
  }
}
