package dev.berth.image.unpack;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded hand-over of byte chunks from the archive reader to one extraction thread. The
 * writer blocks while the pipe is full; once the reader side has gone (it finished or failed),
 * further chunks are dropped, so a dead consumer can never stall the archive read.
 */
final class ChunkPipe {
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notFull = lock.newCondition();
  private final Condition notEmpty = lock.newCondition();
  private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  private final int capacity;
  private boolean finished;
  private boolean failed;
  private boolean consumerGone;

  ChunkPipe(int capacity) {
    this.capacity = capacity;
  }

  /** Hands over a copy of {@code len} bytes. */
  void put(byte[] b, int off, int len) {
    byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
    lock.lock();
    try {
      while (chunks.size() >= capacity && !consumerGone) {
        notFull.awaitUninterruptibly();
      }
      if (!consumerGone) {
        chunks.add(copy);
        notEmpty.signal();
      }
    } finally {
      lock.unlock();
    }
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
      private byte[] current = new byte[0];
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
        if (pos == current.length && !next()) {
          return -1;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
      }

      private boolean next() throws IOException {
        lock.lock();
        try {
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
          pos = 0;
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
          notFull.signalAll();
        } finally {
          lock.unlock();
        }
      }
    };
  }
}
