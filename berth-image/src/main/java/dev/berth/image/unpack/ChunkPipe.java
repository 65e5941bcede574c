package dev.berth.image.unpack;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded hand-over of byte chunks from one producer thread to one consumer thread. The
 * producer blocks while the pipe is full; once the consumer side has gone (it finished or
 * failed), further chunks are dropped, so a dead consumer can never stall the producer.
 *
 * <p>Chunk buffers are recycled once the consumer has moved past them: a pull hands every byte
 * of its layers over twice (download to decompression, decompression to extraction), and fresh
 * arrays for all of that kept the daemon's small young generation collecting.
 */
final class ChunkPipe {
  /** The smallest buffer kept for reuse; larger writes get (and recycle) larger ones. */
  private static final int BUFFER = 64 * 1024;

  private record Chunk(byte[] data, int length) {}

  private static final Chunk NONE = new Chunk(new byte[0], 0);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition notEmpty = lock.newCondition();
  private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
  private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
  private final int capacity;
  private boolean finished;
  private boolean failed;
  private boolean consumerGone;

  ChunkPipe(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Hands over a copy of {@code len} bytes. False when the consumer has gone: the bytes were
   * dropped, and so will every later chunk be.
   */
  boolean put(byte[] b, int off, int len) {
    if (len == 0) {
      return true;
    }
    byte[] buffer = spareBuffer(len);
    System.arraycopy(b, off, buffer, 0, len);
    lock.lock();
    try {
      while (chunks.size() >= capacity && !consumerGone) {
        notFull.awaitUninterruptibly();
      }
      if (consumerGone) {
        return false;
      }
      chunks.add(new Chunk(buffer, len));
      notEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  private byte[] spareBuffer(int len) {
    lock.lock();
    try {
      byte[] buffer = spare.poll();
      if (buffer != null && buffer.length >= len) {
        return buffer;
      }
    } finally {
      lock.unlock();
    }
    return new byte[Math.max(len, BUFFER)];
  }

  /** No more chunks: the consumer sees the end of its stream. */
  void finish() {
    end(false);
  }

  /** The producer gave up: the consumer's next read fails. */
  void fail() {
    end(true);
  }

  private void end(boolean failure) {
    lock.lock();
    try {
      finished = true;
      failed = failure;
      notEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The consumer's stream; closing it tells the producer to stop handing over. */
  InputStream input() {
    return new InputStream() {
      private Chunk current = NONE;
      private int pos;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        if (pos == current.length() && !next()) {
          return -1;
        }
        int n = Math.min(len, current.length() - pos);
        System.arraycopy(current.data(), pos, b, off, n);
        pos += n;
        return n;
      }

      private boolean next() throws IOException {
        lock.lock();
        try {
          if (current.length() > 0 && spare.size() <= capacity) {
            spare.add(current.data()); // read out: the producer may fill it again
          }
          current = NONE;
          pos = 0;
          while (chunks.isEmpty() && !finished) {
            notEmpty.awaitUninterruptibly();
          }
          if (chunks.isEmpty()) {
            if (failed) {
              throw new IOException("the archive read stopped before this layer's end");
            }
            return false;
          }
          current = chunks.poll();
          notFull.signal();
          return true;
        } finally {
          lock.unlock();
        }
      }

      @Override
      public void close() {
        lock.lock();
        try {
          consumerGone = true;
          chunks.clear();
          spare.clear();
          notFull.signalAll();
        } finally {
          lock.unlock();
        }
      }
    };
  }
}
